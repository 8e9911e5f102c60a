import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DbtStep } from '@floe/spec';
import { runtimeExitCodes } from '@floe/manifests';
import { isTransientFailure } from '../../lakehouse/transient-failure.js';
import { parseChildLogLine } from '../../log/child-log-line.js';
import { childExitCode, runChild } from '../../process/run-child.js';
import type { StepContext, StepRun } from '../step-run.js';
import { dbtArguments } from './dbt-arguments.js';
import { renderDbtProfile } from './dbt-profile.js';
import { summariseRunResults } from './dbt-run-results.js';

/** How many of dbt's last error lines the summary keeps as its message. */
const keptErrorLines = 3;

/**
 * Runs `dbt <command>` for a dbt step: writes the profile into a fresh temp
 * dir, sends dbt's JSON logs through the logger, and summarises
 * run_results.json. dbt's exit code (0 ok, 1 handled failure, 2 error) is
 * kept, unless its errors say a platform service was unreachable or an
 * Iceberg commit lost a race: then 75 (infrastructure, retryable).
 */
export async function runDbtStep(step: DbtStep, context: StepContext): Promise<StepRun> {
  const { config, environment, logger } = context;
  const target = step.target ?? config.invocation.dbt.target;
  const profilesDir = await mkdtemp(join(environment.tmpDir, 'floe-dbt-profile-'));
  const dbtDir = join(environment.workDir, 'dbt');
  const paths = {
    projectDir: config.invocation.dbt.projectDir,
    profilesDir,
    targetPath: join(dbtDir, 'target'),
    logPath: join(dbtDir, 'logs'),
  };
  const runResultsPath = join(paths.targetPath, 'run_results.json');
  const errors: string[] = [];
  try {
    await writeFile(join(profilesDir, 'profiles.yml'), renderDbtProfile(config, target));
    await mkdir(paths.targetPath, { recursive: true });
    await rm(runResultsPath, { force: true });
    const args = dbtArguments(step, target, paths);
    logger.log('info', `running dbt ${step.command}`, { tool: 'dbt', args });
    const exit = await runChild({
      command: config.dbtBin!,
      args,
      env: {
        ...context.env,
        DBT_SEND_ANONYMOUS_USAGE_STATS: 'false',
        DBT_PARTIAL_PARSE: 'true',
        // The project's macros keep views and seeds out of an Iceberg catalog (examples/dbt/macros).
        FLOE_WAREHOUSE_TYPE: config.warehouse.type,
        PYTHONUNBUFFERED: '1',
      },
      cwd: paths.projectDir,
      signals: context.signals,
      onLine: (stream, line) => {
        const record = parseChildLogLine('dbt', stream, line);
        if (record.level === 'error' && record.message.trim() !== '') errors.push(record.message.trim());
        logger.log(record.level, record.message, record.fields);
      },
    });
    const results = await readJsonFile(runResultsPath);
    const summary = summariseRunResults(results);
    // A dbt failure caused by an unreachable catalog/storage or a lost commit race is worth a retry.
    const toolExitCode = childExitCode(exit);
    const exitCode = toolExitCode !== 0 && exit.signal === undefined && isTransientFailure(errors) ? runtimeExitCodes.infrastructureFailure : toolExitCode;
    return {
      tool: 'dbt',
      command: step.command,
      exitCode,
      details: {
        ...summary,
        ...(exitCode !== 0 && errors.length > 0 ? { message: errors.slice(-keptErrorLines).join(' | ') } : {}),
      },
    };
  } finally {
    await rm(profilesDir, { recursive: true, force: true });
  }
}

async function readJsonFile(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
}

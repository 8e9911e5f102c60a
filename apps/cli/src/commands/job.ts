import type { AttemptResult, FailureClass, JobRunner } from '@floe/jobs';
import type { Command } from 'commander';
import { loadRunInput } from '../run-input.js';
import { clusterOptions, kubeConfigSource, type ClusterOptions } from '../cluster-options.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { wholeNumber } from '../flag-values.js';
import { parseOutputFormat, type Output, type OutputFormat } from '../output.js';
import { registerJobExplain } from './job-explain.js';

// Loaded on use: the job runner pulls in the Kubernetes client, which other commands should not pay for at start-up.
const jobs = () => import('@floe/jobs');
const spec = () => import('@floe/spec');

/** The exit status of each failure class of a step (20-24 of the table in exit-codes.ts). */
const exitCodeOfClass: Readonly<Record<FailureClass, ExitCode>> = {
  AppError: exitCodes.jobAppFailure,
  OOMKilled: exitCodes.jobAppFailure,
  ConfigError: exitCodes.jobConfigError,
  ImagePull: exitCodes.jobConfigError,
  Unschedulable: exitCodes.jobInfrastructure,
  Evicted: exitCodes.jobInfrastructure,
  Lost: exitCodes.jobInfrastructure,
  Cancelled: exitCodes.jobCancelled,
  DeadlineExceeded: exitCodes.jobTimeout,
};

/** The exit status that mirrors an attempt's result. */
export function exitCodeOf(result: AttemptResult): ExitCode {
  return result.failure ? exitCodeOfClass[result.failure.class] : exitCodes.ok;
}

export async function connectRunner(options: ClusterOptions): Promise<JobRunner> {
  const { JobRunner } = await jobs();
  return JobRunner.connect(kubeConfigSource(options));
}

function seconds(ms: number | undefined): string {
  return ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`;
}

/** One line per attempt result, for people. */
export function describeResult(result: AttemptResult): string {
  const where = `run ${result.runId}, attempt ${result.attempt}, job ${result.jobName}`;
  if (!result.failure) return `ok    ${result.step} succeeded in ${seconds(result.durationMs)} (${where})`;
  const { failure } = result;
  const exit = failure.exitCode !== undefined ? `, exit ${failure.exitCode}` : '';
  return `FAIL  ${result.step} ${failure.class} (${failure.reason}${exit}, ${failure.retryable ? 'retryable' : 'not retryable'}): ${failure.message} (${where})`;
}

interface RunOptions extends ClusterOptions {
  pipeline: string;
  file?: string;
  step: string;
  wait: boolean;
  follow: boolean;
  runId?: string;
  attempt: number;
  ownedByPod?: string;
  output: OutputFormat;
}

export interface RunRefOptions extends ClusterOptions {
  namespace?: string;
  file?: string;
  output: OutputFormat;
}

/** The jobs namespace: `-n`, else the Platform file's, else floe-jobs. */
export async function namespaceOf(options: RunRefOptions): Promise<string> {
  if (options.namespace) return options.namespace;
  if (options.file) {
    const { loadSpecFiles } = await spec();
    const documents = await loadSpecFiles([options.file]);
    const platform = documents.find((document) => document.kind === 'Platform')?.spec;
    if (platform) return platform.spec.namespaces.jobs;
  }
  return 'floe-jobs';
}

/** The options of every command about an existing run: cluster, namespace (or Platform file), output. */
export function runRefOptions(command: Command): Command {
  return clusterOptions(command)
    .option('-n, --namespace <name>', 'the jobs namespace (default: from -f, else floe-jobs)')
    .option('-f, --file <platform.yaml>', 'the Platform file, to find the jobs namespace')
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat);
}

/** `floe job run|status|logs|list|cancel`: one pipeline step as a Kubernetes Job. */
export function registerJob(program: Command, output: Output, setExit: (code: number) => void): void {
  const job = program.command('job').description('run pipeline steps as Kubernetes Jobs and inspect them');

  clusterOptions(job.command('run'))
    .description('run one step of a pipeline as a Job (exit status mirrors the result with --wait)')
    .requiredOption('-p, --pipeline <pipeline.yaml>', 'the Pipeline file')
    .option('-f, --file <platform.yaml>', 'the Platform file (default: the platform the pipeline names, as last deployed in the cluster); the pod template inherits its configuration')
    .requiredOption('--step <name>', 'the step to run')
    .option('--wait', 'wait for the result', false)
    .option('--follow', 'stream the step\'s logs while waiting (implies --wait)', false)
    .option('--run-id <id>', 'run id (default: generated); the same id and attempt adopt an existing Job')
    .option('--attempt <n>', 'attempt number (1 or more)', wholeNumber(1), 1)
    .option('--owned-by-pod <namespace/name/uid>', 'the pod running this command (e.g. a Dagster run worker), in the jobs namespace: the step\'s Job is deleted with it')
    .option('-o, --output <format>', 'text or json', parseOutputFormat, 'text' as OutputFormat)
    .action(async (options: RunOptions) => {
      const input = await loadRunInput(options.pipeline, options.file, output, options.output === 'json');
      if (!input) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const { pipeline } = input;
      const step = pipeline.spec.steps.find((candidate) => candidate.name === options.step);
      if (!step) {
        output.err(`error: pipeline ${pipeline.metadata.name} has no step "${options.step}" (steps: ${pipeline.spec.steps.map((candidate) => candidate.name).join(', ')})`);
        setExit(exitCodes.invalidInput);
        return;
      }
      const { newRunId, parseOwnerPod } = await jobs();
      const ownerPod = options.ownedByPod === undefined ? undefined : parseOwnerPod(options.ownedByPod);
      const runner = await connectRunner(options);
      try {
        const platform = await input.platformFrom(runner);
        if (!platform) {
          setExit(exitCodes.invalidInput);
          return;
        }
        const submitted = await runner.submit({ platform, pipeline, step }, { runId: options.runId ?? newRunId(), attempt: options.attempt, ...(ownerPod ? { ownerPod } : {}) });
        if (options.output === 'text') output.err(`${submitted.adopted ? 'adopted' : submitted.created ? 'submitted' : 'refused'} ${submitted.namespace}/${submitted.jobName} (run ${submitted.runId})`);
        if (!options.wait && !options.follow && submitted.created) {
          if (options.output === 'json') output.out(JSON.stringify({ runId: submitted.runId, namespace: submitted.namespace, jobName: submitted.jobName, adopted: submitted.adopted }));
          setExit(exitCodes.ok);
          return;
        }
        const logs = options.follow ? runner.followAttempt(submitted, (line) => output.out(line.text), { onError: (error) => output.err(`logs: ${(error as Error).message}`) }) : Promise.resolve();
        const result = await submitted.result;
        await logs;
        output.out(options.output === 'json' ? JSON.stringify(result) : describeResult(result));
        setExit(exitCodeOf(result));
      } finally {
        await runner.close();
      }
    });

  runRefOptions(job.command('status'))
    .description('the attempts of a run and their state, classified from the cluster')
    .argument('<run>', 'run id')
    .action(async (runId: string, options: RunRefOptions) => {
      const runner = await connectRunner(options);
      try {
        const status = await runner.status(await namespaceOf(options), runId);
        if (options.output === 'json') output.out(JSON.stringify(status));
        else {
          output.out(`run ${status.runId}: ${status.state}`);
          for (const attempt of status.attempts) {
            const detail = attempt.outcome?.failure ? `${attempt.outcome.failure.class}: ${attempt.outcome.failure.message}` : attempt.waitingFor ? `waiting for ${attempt.waitingFor}` : seconds(attempt.outcome?.durationMs);
            output.out(`  ${attempt.step.padEnd(24)} a${String(attempt.attempt).padEnd(3)} ${attempt.state.padEnd(10)} ${detail}`);
          }
          const failedSteps = [...new Set(status.attempts.filter((attempt) => attempt.state === 'Failed').map((attempt) => attempt.step))];
          for (const step of failedSteps) output.out(`why ${step} failed: floe job explain ${status.runId} --step ${step} -n ${status.namespace}`);
        }
        setExit(status.state === 'NotFound' ? exitCodes.invalidInput : exitCodes.ok);
      } finally {
        await runner.close();
      }
    });

  runRefOptions(job.command('logs'))
    .description('logs of a run\'s latest attempt (while its pod exists)')
    .argument('<run>', 'run id')
    .option('--step <name>', 'the step (default: the latest attempt of any step)')
    .option('--follow', 'keep streaming until the container ends', false)
    .action(async (runId: string, options: RunRefOptions & { step?: string; follow: boolean }) => {
      const runner = await connectRunner(options);
      try {
        await runner.logs(await namespaceOf(options), runId, {
          ...(options.step ? { step: options.step } : {}),
          follow: options.follow,
          onLine: (line) => output.out(options.output === 'json' ? JSON.stringify(line) : line.text),
          onError: (error) => output.err(`logs: ${(error as Error).message}`),
        });
        setExit(exitCodes.ok);
      } finally {
        await runner.close();
      }
    });

  runRefOptions(job.command('list'))
    .description('recent runs from the cluster (Job labels), newest first')
    .option('--pipeline <name>', 'only this pipeline')
    .option('--limit <n>', 'at most this many runs', wholeNumber(1), 20)
    .action(async (options: RunRefOptions & { pipeline?: string; limit: number }) => {
      const runner = await connectRunner(options);
      try {
        const runs = await runner.listRuns(await namespaceOf(options), { ...(options.pipeline ? { pipeline: options.pipeline } : {}), limit: options.limit });
        if (options.output === 'json') output.out(JSON.stringify(runs));
        else if (runs.length === 0) output.out('no runs');
        else for (const run of runs) output.out(`${run.runId.padEnd(28)} ${run.pipeline.padEnd(20)} ${run.state.padEnd(10)} ${(run.startedAt ?? '').padEnd(22)} ${seconds(run.durationMs).padStart(8)}  ${run.attempts.length} attempts`);
        setExit(exitCodes.ok);
      } finally {
        await runner.close();
      }
    });

  registerJobExplain(job, output, setExit);

  runRefOptions(job.command('cancel'))
    .description('delete the run\'s unfinished Jobs with propagation and confirm no pod remains')
    .argument('<run>', 'run id')
    .action(async (runId: string, options: RunRefOptions) => {
      const runner = await connectRunner(options);
      try {
        const result = await runner.cancel(await namespaceOf(options), runId);
        if (options.output === 'json') output.out(JSON.stringify(result));
        else if (result.cancelled.length === 0) output.out(`run ${runId} has no unfinished Job`);
        else output.out(`cancelled ${result.cancelled.join(', ')}; ${result.confirmed ? 'no pod remains' : `pods still present: ${result.remainingPods.join(', ')}`}`);
        setExit(result.confirmed ? exitCodes.ok : exitCodes.jobInfrastructure);
      } finally {
        await runner.close();
      }
    });
}

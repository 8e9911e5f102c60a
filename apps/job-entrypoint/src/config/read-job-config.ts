import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { platformConfigKeys, runtimeEnv } from '@floe/manifests';
import type { z } from 'zod';
import { JobConfigurationError } from './configuration-error.js';
import { duckdbExtensionDirEnv, findDuckdbExtensionDir } from './duckdb-extension-dir.js';
import { findExecutable } from './find-executable.js';
import { jobOverrideEnv, parseGraceSeconds, type Env } from './job-environment.js';
import { stepInvocationSchema } from './step-invocation-schema.js';
import { readWarehouse, type Warehouse } from './warehouse-config.js';

export type ValidStepInvocation = z.output<typeof stepInvocationSchema>;

/** Everything a step needs, validated. */
export interface JobConfig {
  readonly invocation: ValidStepInvocation;
  readonly runId: string;
  readonly platform: string;
  readonly environment: string | undefined;
  readonly warehouse: Warehouse;
  readonly pythonBin: string;
  readonly dbtBin: string | undefined;
  /** DuckDB's extension files (iceberg, httpfs, avro) from the duckdb-ext-* packages; undefined when absent. */
  readonly duckdbExtensionDir: string | undefined;
}

/**
 * Validates FLOE_STEP, the platform config keys and the credentials the step
 * needs, collecting every problem before failing, and throws one
 * `JobConfigurationError` naming each missing or invalid key.
 */
export function readJobConfig(env: Env, workDir: string): JobConfig {
  const problems: string[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value.trim() === '') {
      problems.push(`${name} is not set`);
      return '';
    }
    return value;
  };

  const invocation = readInvocation(env[runtimeEnv.step], problems);
  const runId = required(runtimeEnv.runId);
  const platform = required(platformConfigKeys.platform);
  const warehouse = readWarehouse(env, workDir, problems);

  const grace = env[runtimeEnv.cancelGraceSeconds];
  if (grace !== undefined && grace.trim() !== '' && parseGraceSeconds(grace) === undefined) {
    problems.push(`${runtimeEnv.cancelGraceSeconds}=${grace} is not a number of seconds`);
  }

  const binDir = env[jobOverrideEnv.pythonBinDir] || undefined;
  const where = binDir ? `${jobOverrideEnv.pythonBinDir}=${binDir}` : 'PATH';
  const pythonBin = findExecutable('python', binDir, env.PATH) ?? findExecutable('python3', binDir, env.PATH);
  if (!pythonBin) problems.push(`no python executable in ${where}`);
  let dbtBin: string | undefined;
  if (invocation?.step.type === 'dbt') {
    dbtBin = findExecutable('dbt', binDir, env.PATH);
    if (!dbtBin) problems.push(`no dbt executable in ${where}`);
    if (!existsSync(join(invocation.dbt.projectDir, 'dbt_project.yml'))) {
      problems.push(`the dbt project dir ${invocation.dbt.projectDir} has no dbt_project.yml`);
    }
  }

  const duckdbExtensionDir = pythonBin ? findDuckdbExtensionDir(env[duckdbExtensionDirEnv] || undefined, pythonBin) : undefined;
  if (warehouse?.type === 'iceberg' && pythonBin && !duckdbExtensionDir) {
    problems.push(`no DuckDB extension files: install duckdb-ext-iceberg, duckdb-ext-httpfs and duckdb-ext-avro into the venv of ${pythonBin} or set ${duckdbExtensionDirEnv}`);
  }

  if (problems.length > 0 || !invocation || !pythonBin || !warehouse) throw new JobConfigurationError(problems);
  return {
    invocation,
    runId,
    platform,
    environment: env[platformConfigKeys.environment] || undefined,
    warehouse,
    pythonBin,
    dbtBin,
    duckdbExtensionDir,
  };
}

function readInvocation(json: string | undefined, problems: string[]): ValidStepInvocation | undefined {
  if (json === undefined || json.trim() === '') {
    problems.push(`${runtimeEnv.step} is not set`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    problems.push(`${runtimeEnv.step} is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const result = stepInvocationSchema.safeParse(parsed);
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push(`${runtimeEnv.step} ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    }
    return undefined;
  }
  return result.data;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { credentialEnv, platformConfigKeys, runtimeEnv } from '@floe/manifests';
import type { z } from 'zod';
import { JobConfigurationError } from './configuration-error.js';
import { findExecutable } from './find-executable.js';
import { jobOverrideEnv, parseGraceSeconds, type Env } from './job-environment.js';
import { stepInvocationSchema } from './step-invocation-schema.js';

export type ValidStepInvocation = z.output<typeof stepInvocationSchema>;

/** The DuckDB file in the work dir used when FLOE_WAREHOUSE_PATH is not set. */
export const defaultWarehouseFile = 'warehouse.duckdb';

/** Object storage types whose clients need the storage credentials. */
const objectStorageTypes = new Set(['minio', 's3']);

export interface StorageConfig {
  readonly type: string;
  readonly endpoint: string | undefined;
  readonly bucket: string | undefined;
  readonly region: string | undefined;
}

/** Everything a step needs, validated. */
export interface JobConfig {
  readonly invocation: ValidStepInvocation;
  readonly runId: string;
  readonly platform: string;
  readonly environment: string | undefined;
  readonly warehouse: { readonly type: 'duckdb'; readonly path: string };
  readonly storage: StorageConfig | undefined;
  readonly pythonBin: string;
  readonly dbtBin: string | undefined;
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
  // The platform ConfigMap names no warehouse yet: default to the DuckDB file on the work mount.
  const warehouseType = env[platformConfigKeys.warehouseType] || 'duckdb';
  if (warehouseType !== 'duckdb') {
    problems.push(`${platformConfigKeys.warehouseType}=${warehouseType} is not supported (supported: duckdb)`);
  }
  const warehousePath = env[platformConfigKeys.warehousePath] || join(workDir, defaultWarehouseFile);

  const storage = readStorage(env);
  if (storage && objectStorageTypes.has(storage.type)) {
    required(platformConfigKeys.storageBucket);
    required(credentialEnv.storageAccessKeyId);
    required(credentialEnv.storageSecretAccessKey);
    if (storage.type === 'minio') required(platformConfigKeys.storageEndpoint);
  }

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

  if (problems.length > 0 || !invocation || !pythonBin) throw new JobConfigurationError(problems);
  return {
    invocation,
    runId,
    platform,
    environment: env[platformConfigKeys.environment] || undefined,
    warehouse: { type: 'duckdb', path: warehousePath },
    storage,
    pythonBin,
    dbtBin,
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

function readStorage(env: Env): StorageConfig | undefined {
  const type = env[platformConfigKeys.storageType];
  if (!type) return undefined;
  return {
    type,
    endpoint: env[platformConfigKeys.storageEndpoint] || undefined,
    bucket: env[platformConfigKeys.storageBucket] || undefined,
    region: env[platformConfigKeys.storageRegion] || undefined,
  };
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobConfigurationError } from './configuration-error.js';
import { readJobConfig } from './read-job-config.js';

// A bin dir with a fake python, so these tests need no venv.
const binDir = mkdtempSync(join(tmpdir(), 'floe-bin-'));
writeFileSync(join(binDir, 'python'), '#!/bin/sh\n', { mode: 0o755 });

const qualityStep = {
  pipeline: 'orders',
  platform: 'acme-data',
  dbt: { projectDir: '/opt/floe/dbt', target: 'floe' },
  step: { name: 'check-marts', type: 'quality', checks: [{ name: 'no-rows', sql: 'select 1 where false' }] },
};
const validEnv = {
  FLOE_STEP: JSON.stringify(qualityStep),
  FLOE_RUN_ID: 'run-1',
  FLOE_PLATFORM: 'acme-data',
  FLOE_PYTHON_BIN_DIR: binDir,
};

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    readJobConfig(env, '/var/lib/floe');
  } catch (error) {
    if (error instanceof JobConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('readJobConfig', () => {
  it('applies the step defaults and puts the DuckDB warehouse on the work mount by default', () => {
    const config = readJobConfig(validEnv, '/var/lib/floe');
    expect(config.invocation.step).toMatchObject({ type: 'quality', checks: [{ severity: 'error' }] });
    expect(config.warehouse).toEqual({ type: 'duckdb', path: '/var/lib/floe/warehouse.duckdb' });
  });

  it('names every missing key at once', () => {
    expect(problemsOf({ FLOE_PYTHON_BIN_DIR: binDir })).toEqual([
      'FLOE_STEP is not set',
      'FLOE_RUN_ID is not set',
      'FLOE_PLATFORM is not set',
    ]);
  });

  it('needs no object storage for the local DuckDB warehouse', () => {
    expect(problemsOf({ ...validEnv, FLOE_WAREHOUSE_TYPE: 'duckdb', FLOE_STORAGE_TYPE: 'minio' })).toEqual([]);
  });

  it('names every catalog and storage key an Iceberg warehouse lacks', () => {
    expect(problemsOf({ ...validEnv, FLOE_WAREHOUSE_TYPE: 'iceberg', FLOE_STORAGE_TYPE: 'minio', FLOE_STORAGE_ACCESS_KEY_ID: 'key' })).toEqual([
      'FLOE_CATALOG_URI is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_CATALOG_WAREHOUSE is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_CATALOG_CLIENT_ID is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_CATALOG_CLIENT_SECRET is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_STORAGE_BUCKET is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_STORAGE_SECRET_ACCESS_KEY is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
      'FLOE_STORAGE_ENDPOINT is not set (needed by FLOE_WAREHOUSE_TYPE=iceberg)',
    ]);
  });

  it('reports an invalid step with the path of the bad field', () => {
    const step = { ...qualityStep, step: { ...qualityStep.step, checks: [] } };
    expect(problemsOf({ ...validEnv, FLOE_STEP: JSON.stringify(step) })).toEqual([
      'FLOE_STEP step.checks: a quality step needs at least one check',
    ]);
  });

  it('rejects unparsable JSON, unsupported warehouses and bad grace periods', () => {
    expect(
      problemsOf({ ...validEnv, FLOE_STEP: '{', FLOE_WAREHOUSE_TYPE: 'postgres', FLOE_CANCEL_GRACE_SECONDS: 'soon' }),
    ).toEqual([
      expect.stringMatching(/^FLOE_STEP is not valid JSON/),
      'FLOE_WAREHOUSE_TYPE=postgres is not supported (supported: iceberg, duckdb)',
      'FLOE_CANCEL_GRACE_SECONDS=soon is not a number of seconds',
    ]);
  });

  it('requires dbt and the dbt project for a dbt step', () => {
    const dbtStep = { ...qualityStep, dbt: { projectDir: '/nonexistent' }, step: { name: 'build', type: 'dbt', command: 'build' } };
    expect(problemsOf({ ...validEnv, FLOE_STEP: JSON.stringify(dbtStep) })).toEqual([
      `no dbt executable in FLOE_PYTHON_BIN_DIR=${binDir}`,
      'the dbt project dir /nonexistent has no dbt_project.yml',
    ]);
  });
});

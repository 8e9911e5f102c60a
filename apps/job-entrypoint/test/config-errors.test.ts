import { describe, expect, inject, it } from 'vitest';
import { makeJobDirs, podEnv, runFloeJob } from './floe-job-process.js';

const pythonBinDir = inject('pythonBinDir');
const step = { name: 'check-marts', type: 'quality', checks: [{ name: 'none', sql: 'select 1 where false' }] };

describe('configuration problems', () => {
  it('exit 78 naming the missing platform config key, before running anything', async () => {
    const dirs = makeJobDirs('config');
    const env: Record<string, string> = podEnv(dirs, pythonBinDir, step);
    delete env.FLOE_PLATFORM;
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(78);
    expect(result.summary).toMatchObject({ outcome: 'failed', exitCode: 78, failureClass: 'configuration', step: 'check-marts', runId: 'run-0001' });
    expect(result.summary?.message).toContain('FLOE_PLATFORM is not set');
    expect(result.lines.find((line) => line.level === 'error')?.message).toContain('FLOE_PLATFORM is not set');
  });

  it('exit 78 naming the missing credential env var', async () => {
    const dirs = makeJobDirs('config');
    const env = {
      ...podEnv(dirs, pythonBinDir, step),
      FLOE_WAREHOUSE_TYPE: 'iceberg',
      FLOE_CATALOG_URI: 'http://iceberg-rest.floe-platform:8181',
      FLOE_CATALOG_WAREHOUSE: 'lakehouse',
      FLOE_CATALOG_CLIENT_ID: 'floe-client-id',
      FLOE_CATALOG_CLIENT_SECRET: 'floe-client-secret',
      FLOE_STORAGE_TYPE: 'minio',
      FLOE_STORAGE_ENDPOINT: 'http://minio.floe-platform:9000',
      FLOE_STORAGE_BUCKET: 'lakehouse',
      FLOE_STORAGE_ACCESS_KEY_ID: 'floe-access-key',
    };
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(78);
    expect(result.summary?.message).toContain('FLOE_STORAGE_SECRET_ACCESS_KEY is not set');
    expect(result.stdout).not.toContain('floe-access-key');
    expect(result.stdout).not.toContain('floe-client-secret');
  });

  it('exit 78 for a FLOE_STEP the step schema rejects', async () => {
    const dirs = makeJobDirs('config');
    const env = podEnv(dirs, pythonBinDir, { name: 'ingest', type: 'ingestion', source: { type: 'filesystem', path: 'x.csv', format: 'xml' }, dataset: 'raw', table: 't' });
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(78);
    expect(result.summary?.message).toContain('FLOE_STEP step.source.format');
  });
});

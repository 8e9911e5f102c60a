import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { makeJobDirs, podEnv, runFloeJob } from './floe-job-process.js';

const pythonBinDir = inject('pythonBinDir');
const step = { name: 'check-marts', type: 'quality', checks: [{ name: 'none', sql: 'select 1 where false' }] };

/** A localhost URL nothing listens on. */
function closedUrl(): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

function icebergEnv(dirs: ReturnType<typeof makeJobDirs>, catalogUri: string, storageEndpoint: string): Record<string, string> {
  const { FLOE_WAREHOUSE_PATH: _path, ...env } = podEnv(dirs, pythonBinDir, step);
  return {
    ...env,
    FLOE_WAREHOUSE_TYPE: 'iceberg',
    FLOE_CATALOG_URI: catalogUri,
    FLOE_CATALOG_WAREHOUSE: 'lakehouse',
    FLOE_CATALOG_CLIENT_ID: 'floe-client-id',
    FLOE_CATALOG_CLIENT_SECRET: 'floe-client-secret',
    FLOE_STORAGE_TYPE: 'minio',
    FLOE_STORAGE_ENDPOINT: storageEndpoint,
    FLOE_STORAGE_BUCKET: 'lakehouse',
    FLOE_STORAGE_ACCESS_KEY_ID: 'floe-access-key',
    FLOE_STORAGE_SECRET_ACCESS_KEY: 'floe-secret-key',
  };
}

describe('an Iceberg step whose platform services are unreachable', () => {
  it('exits 75 (infrastructure, retryable) naming the catalog key, before any tool runs', async () => {
    const dirs = makeJobDirs('lakehouse');
    const closed = await closedUrl();
    const result = await runFloeJob(icebergEnv(dirs, closed, closed), dirs.terminationLog);
    expect(result.exitCode).toBe(75);
    expect(result.summary).toMatchObject({ outcome: 'failed', exitCode: 75, failureClass: 'infrastructure', step: 'check-marts' });
    // Refused connections are tried again for 30 s first (a new pod's policy rules arrive late).
    expect(result.summary?.message).toContain(`the catalog's token endpoint FLOE_CATALOG_URI=${closed}/v1/oauth/tokens is unreachable (ECONNREFUSED, for 30 s)`);
    expect(result.lines.some((line) => line.source === 'quality')).toBe(false);
    expect(result.stdout).not.toContain('floe-client-secret');
  });
});

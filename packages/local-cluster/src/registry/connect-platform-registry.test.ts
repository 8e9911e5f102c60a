import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPlatformRegistry } from './connect-platform-registry.js';

const dir = mkdtempSync(join(tmpdir(), 'floe-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('connectPlatformRegistry', () => {
  it('refuses a cluster directory without a real node, as not ready, before touching the API or the host', async () => {
    await expect(connectPlatformRegistry(dir, { namespace: 'floe-local-platform', name: 'acme-local-registry', port: 5000 })).rejects.toMatchObject({
      code: 'REAL_NODE_NOT_RUNNING',
      category: 'not-ready',
    });
  });
});

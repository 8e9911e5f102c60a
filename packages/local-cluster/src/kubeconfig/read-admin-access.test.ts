import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAdminAccess } from './read-admin-access.js';
import { writeKubeconfig } from './write-kubeconfig.js';

describe('the local cluster kubeconfig', () => {
  // The first read loads client-node's kubeconfig module (on first use): seconds on a loaded 2-core machine.
  it('reads back what was written, in a directory whose path has spaces, a "#" and ": "', { timeout: 30_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'floe-kubeconfig-')), 'my repo #2: copy', '.floe', 'dev');
    mkdirSync(dir, { recursive: true });
    const access = { server: 'https://127.0.0.1:46443', caCert: join(dir, 'pki', 'ca.crt'), clientCert: join(dir, 'pki', 'admin.crt'), clientKey: join(dir, 'pki', 'admin.key') };
    writeKubeconfig(join(dir, 'kubeconfig'), { ...access, name: 'floe-dev' });
    expect(await readAdminAccess(join(dir, 'kubeconfig'))).toEqual(access);
  });

  it('is undefined for a missing file, a file that is not a kubeconfig, and one without certificate files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-kubeconfig-'));
    expect(await readAdminAccess(join(dir, 'missing'))).toBeUndefined();
    writeFileSync(join(dir, 'garbage'), '\u0000\u0001 not yaml: [');
    expect(await readAdminAccess(join(dir, 'garbage'))).toBeUndefined();
    writeFileSync(join(dir, 'token'), JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
      clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
    }));
    expect(await readAdminAccess(join(dir, 'token'))).toBeUndefined();
  });
});

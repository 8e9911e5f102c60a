import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeApiError, KubeClient, KubeConfigError, KubeConnectionError, KubeCredentialsError } from '../index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/** A kubeconfig whose user runs `command args` as its exec credential plugin. */
function execKubeconfig(server: string, command: string, args: readonly string[] = []): string {
  const file = join(mkdtempSync(join(tmpdir(), 'floe-kube-exec-')), 'kubeconfig');
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'test',
    clusters: [{ name: 'test', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'robot', user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command, args } } }],
    contexts: [{ name: 'test', context: { cluster: 'test', user: 'robot' } }],
  }));
  return file;
}

/** A plugin that hands out an already expired token once, then fails: the client runs it again on the next request. */
function pluginThatFailsSecondTime(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'floe-kube-plugin-'));
  const script = join(dir, 'plugin.mjs');
  writeFileSync(script, `import { existsSync, writeFileSync } from 'node:fs';
const marker = ${JSON.stringify(join(dir, 'used'))};
if (existsSync(marker)) { console.error('session expired, log in again'); process.exit(1); }
writeFileSync(marker, '');
console.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1beta1', kind: 'ExecCredential', status: { token: 'short-lived', expirationTimestamp: '2000-01-01T00:00:00Z' } }));
`);
  return [script];
}

describe('KubeClient credentials and server URL', () => {
  it('says which exec plugin is missing, as a credentials problem and not a connection problem', async () => {
    const kubeconfig = execKubeconfig('https://127.0.0.1:6443', 'floe-no-such-credential-plugin');
    const error = await KubeClient.connect({ kubeconfig }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect((error as KubeCredentialsError).category).toBe('permission-denied');
    expect((error as Error).message).toContain('"floe-no-such-credential-plugin", which is not installed or not on PATH');
    // The first connect loads client-node's kubeconfig module lazily: seconds on a loaded 2-CPU machine.
  }, 30_000);

  it('reports an exec plugin that fails later in a run as a credentials failure, after one attempt', async () => {
    let requests = 0;
    const fixture = await httpFixture((_request, response) => {
      requests++;
      response.writeHead(200).end('{}');
    });
    cleanups.push(fixture.close);
    const server = `http://127.0.0.1:${(fixture.server.address() as { port: number }).port}`;
    const client = await KubeClient.connect({ kubeconfig: execKubeconfig(server, process.execPath, pluginThatFailsSecondTime()), retry: { baseDelayMs: 1 } });
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    const error = await client.request({ method: 'GET', path: '/api/v1/namespaces' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeCredentialsError);
    expect(error).not.toBeInstanceOf(KubeConnectionError);
    expect((error as Error).message).toContain('credential plugin');
    expect((error as Error).message).not.toContain('short-lived');
    expect(requests).toBe(0);
  });

  it('rejects a server that is not a URL with a KubeConfigError naming the cluster entry', async () => {
    const fixture = await httpFixture((_request, response) => response.end());
    cleanups.push(fixture.close);
    const file = join(mkdtempSync(join(tmpdir(), 'floe-kube-url-')), 'kubeconfig');
    writeFileSync(file, JSON.stringify({
      apiVersion: 'v1', kind: 'Config', 'current-context': 'test',
      clusters: [{ name: 'broken', cluster: { server: 'ht!tp:/not a url' } }],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'test', context: { cluster: 'broken', user: 'u' } }],
    }));
    const error = await KubeClient.connect({ kubeconfig: file }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConfigError);
    expect((error as Error).message).toContain('kubeconfig cluster "broken" is not a URL');
  });

  it('classifies API statuses: 401/403 permission denied, 429/5xx/408 unavailable, other 4xx invalid input', () => {
    const categoryOf = (code: number) => new KubeApiError('GET /x', { code }).category;
    expect([401, 403].map(categoryOf)).toEqual(['permission-denied', 'permission-denied']);
    expect([408, 429, 500, 502, 503, 504].map(categoryOf)).toEqual(Array(6).fill('unavailable'));
    expect([400, 404, 409, 422, 501].map(categoryOf)).toEqual(Array(5).fill('invalid-input'));
  });

  it('classifies an unreachable API server as unavailable', async () => {
    const fixture = await httpFixture((_request, response) => response.end());
    const { port } = fixture.server.address() as { port: number };
    await fixture.close();
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig, retry: { maxAttempts: 2, baseDelayMs: 1 } });
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    const error = await client.request({ method: 'GET', path: '/api' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConnectionError);
    expect((error as KubeConnectionError).category).toBe('unavailable');
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});

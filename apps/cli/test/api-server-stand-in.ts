import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ApiServerStandIn {
  /** A kubeconfig (token auth) for the stand-in. */
  readonly kubeconfig: string;
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

/** Writes a kubeconfig for `server` with the given user entry (JSON is valid YAML). */
export function writeKubeconfig(server: string, user: Record<string, unknown> = { token: 'stand-in-token' }): string {
  const file = join(mkdtempSync(join(tmpdir(), 'floe-cli-kubeconfig-')), 'kubeconfig');
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'stand-in',
    clusters: [{ name: 'stand-in', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'stand-in', user }],
    contexts: [{ name: 'stand-in', context: { cluster: 'stand-in', user: 'stand-in' } }],
  }));
  return file;
}

/** What the stand-in answers to one request. */
export interface StandInAnswer {
  readonly code: number;
  readonly body: unknown;
}

/** An HTTP server on loopback that answers each request with `answer(method, url)`, and a kubeconfig for it. */
export async function apiServerStandIn(answer: (method: string, url: URL) => StandInAnswer): Promise<ApiServerStandIn> {
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    const { code, body } = answer(request.method ?? 'GET', new URL(request.url ?? '/', 'http://stand-in'));
    response.writeHead(code, { 'content-type': 'application/json', 'retry-after': '0' });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    kubeconfig: writeKubeconfig(`http://127.0.0.1:${port}`),
    requests: () => requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * A stand-in that answers every request with one status and a Kubernetes
 * Status body (Retry-After 0, so retries take no time): enough to see how
 * the CLI classifies 403, 500, 503, ... without a cluster.
 */
export function apiServerAnswering(code: number, reason: string): Promise<ApiServerStandIn> {
  return apiServerStandIn(() => ({ code, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message: `stand-in answers ${code}` } }));
}

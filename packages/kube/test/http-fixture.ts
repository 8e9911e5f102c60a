import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureKubeconfig } from './fixture-kubeconfig.js';

/** A plain-HTTP server on loopback and a kubeconfig pointing at it, for client unit tests. */
export async function httpFixture(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ kubeconfig: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'floe-kube-'));
  const kubeconfig = writeFixtureKubeconfig(dir, `server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true`);
  return { kubeconfig, server, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

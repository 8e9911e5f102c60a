import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createSecureServer, type Http2SecureServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFixtureKubeconfig } from './fixture-kubeconfig.js';

/** Handles a request; over HTTP/2 it gets the compatibility API's request and response, which answer to the same calls. */
export type TlsHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A TLS server on loopback with a certificate of its own (made with openssl, as the local cluster's PKI is) and a
 * kubeconfig that trusts it: offering HTTP/2 and HTTP/1.1 as the API server does, or HTTP/1.1 only.
 */
export async function tlsFixture(handler: TlsHandler, options: { http2: boolean }): Promise<{ kubeconfig: string; server: Http2SecureServer | HttpsServer; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'floe-kube-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
  ], { stdio: 'ignore' });
  const key = readFileSync(join(dir, 'key.pem'));
  const cert = readFileSync(join(dir, 'cert.pem'));
  const server = options.http2
    ? createSecureServer({ key, cert, allowHTTP1: true }, handler as unknown as (request: Http2ServerRequest, response: Http2ServerResponse) => void)
    : createHttpsServer({ key, cert }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kubeconfig = writeFixtureKubeconfig(dir, `server: "https://127.0.0.1:${port}", certificate-authority-data: ${cert.toString('base64')}`);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    kubeconfig,
    server,
    close: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => {
        rmSync(dir, { recursive: true, force: true });
        resolve();
      });
    }),
  };
}

import type { ServerHttp2Session } from 'node:http2';
import { afterEach, describe, expect, it } from 'vitest';
import { tlsFixture, type TlsHandler } from '../../test/tls-fixture.js';
import { KubeClient, KubeConnectionError } from '../index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: TlsHandler, options: { http2: boolean }) {
  const fixture = await tlsFixture(handler, options);
  cleanups.push(fixture.close);
  let connections = 0;
  fixture.server.on('secureConnection', () => connections++);
  const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig, retry: { baseDelayMs: 1 } });
  cleanups.push(() => client.close());
  return { client, fixture, connections: () => connections };
}

const json = (body: unknown) => JSON.stringify(body);

describe('KubeClient over HTTP/2', () => {
  it('sends concurrent requests as streams of one TLS connection, with the credentials on each', async () => {
    const seen: string[] = [];
    const { client, connections } = await serve((request, response) => {
      seen.push(`${request.httpVersion} ${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(json({ path: request.url }));
    }, { http2: true });
    const paths = Array.from({ length: 40 }, (_, index) => `/api/v1/namespaces/n${index}`);
    const answers = await Promise.all(paths.map((path) => client.request<{ path: string }>({ method: 'GET', path })));
    expect(answers.map((answer) => answer.path)).toEqual(paths);
    expect(new Set(seen.map((line) => line.split(' ')[0]))).toEqual(new Set(['2.0']));
    expect(seen.every((line) => line.endsWith('Bearer test-token'))).toBe(true);
    expect(connections()).toBe(1);
  });

  it('sends a body with its content type (PATCH) and reads an error status as over HTTP/1.1', async () => {
    const { client } = await serve((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.method === 'PATCH') response.writeHead(200).end(json({ contentType: request.headers['content-type'], body: JSON.parse(body) as unknown }));
        else response.writeHead(404).end(json({ kind: 'Status', code: 404, reason: 'NotFound', message: 'configmaps "x" not found' }));
      });
    }, { http2: true });
    expect(await client.request({ method: 'PATCH', path: '/x', body: { a: 1 }, contentType: 'application/apply-patch+yaml' }))
      .toEqual({ contentType: 'application/apply-patch+yaml', body: { a: 1 } });
    await expect(client.request({ method: 'GET', path: '/x' })).rejects.toMatchObject({ statusCode: 404, reason: 'NotFound' });
  });

  it('uses HTTP/1.1 when the server does not offer HTTP/2', async () => {
    const versions: string[] = [];
    const { client } = await serve((request, response) => {
      versions.push(request.httpVersion);
      response.writeHead(200).end(json({ ok: true }));
    }, { http2: false });
    expect(await Promise.all([1, 2, 3].map(() => client.request({ method: 'GET', path: '/api' })))).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(versions).toEqual(['1.1', '1.1', '1.1']);
  });

  it('opens a new connection once the server drained the old one (GOAWAY)', async () => {
    const { client, connections } = await serve((request, response) => {
      response.writeHead(200).end(json({ ok: true }));
      // Drained after each answer, as an API server shutting down (or balancing with --goaway-chance) does.
      const session = (request as { stream?: { session?: ServerHttp2Session } }).stream?.session;
      response.on('finish', () => session?.goaway());
    }, { http2: true });
    for (let index = 0; index < 3; index++) {
      expect(await client.request({ method: 'GET', path: '/api' })).toEqual({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(connections()).toBe(3);
  });

  it('retries an answer whose connection was cut mid-body, instead of parsing what arrived', async () => {
    let calls = 0;
    const { client, connections } = await serve((request, response) => {
      calls++;
      response.writeHead(200, { 'content-type': 'application/json' });
      if (calls === 1) {
        response.write('{"items":[1,2,');
        // The connection itself lost (not only this stream reset).
        setTimeout(() => (request as unknown as { stream: { session: ServerHttp2Session } }).stream.session.socket.destroy(), 20);
        return;
      }
      response.end(json({ items: [1, 2, 3] }));
    }, { http2: true });
    expect(await client.request({ method: 'GET', path: '/api/v1/pods' })).toEqual({ items: [1, 2, 3] });
    expect(calls).toBe(2);
    expect(client.stats.retries).toBe(1);
    expect(connections()).toBe(2);
  });

  it('fails a stream cut off every time as a connection failure once retries are spent', async () => {
    const { client } = await serve((request, response) => {
      response.writeHead(200);
      response.write('{"items":[');
      setTimeout(() => (request as { stream?: { close: (code: number) => void } }).stream?.close(2), 10);
    }, { http2: true });
    const error = await client.request({ method: 'GET', path: '/api/v1/pods' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeConnectionError);
    expect(client.stats.retries).toBe(5);
  });

  it('streams a watch body as it comes', async () => {
    const { client } = await serve((_request, response) => {
      response.writeHead(200);
      response.write(`${json({ type: 'ADDED', object: { n: 1 } })}\n`);
      setTimeout(() => response.end(`${json({ type: 'ADDED', object: { n: 2 } })}\n`), 30);
    }, { http2: true });
    const body = await client.stream({ path: '/api/v1/pods', query: { watch: true } });
    let text = '';
    for await (const chunk of body) text += (chunk as Buffer).toString();
    expect(text.trim().split('\n').map((line) => (JSON.parse(line) as { object: { n: number } }).object.n)).toEqual([1, 2]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeApiError, KubeClient, KubeConfigError } from '../index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('KubeClient', () => {
  it('retries 429 after the Retry-After delay and 503, then returns the JSON body', async () => {
    const answers = [
      [429, { 'retry-after': '0' }, '{"kind":"Status","code":429,"reason":"TooManyRequests"}'],
      [503, {}, 'unavailable'],
      [200, { 'content-type': 'application/json' }, '{"ok":true}'],
    ] as const;
    const seen: string[] = [];
    const fixture = await httpFixture((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      const [status, headers, body] = answers[seen.length - 1]!;
      response.writeHead(status, headers).end(body);
    });
    cleanups.push(fixture.close);
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig, retry: { baseDelayMs: 1 } });
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    expect(await client.request({ method: 'GET', path: '/api/v1/namespaces', query: { limit: 5, continue: undefined } })).toEqual({ ok: true });
    expect(seen).toEqual(Array(3).fill('GET /api/v1/namespaces?limit=5 Bearer test-token'));
    expect(client.stats.retries).toBe(2);
  });

  it('throws a KubeApiError carrying the Status and its causes, without retrying a 422', async () => {
    let calls = 0;
    const fixture = await httpFixture((_request, response) => {
      calls++;
      response.writeHead(422).end(JSON.stringify({
        kind: 'Status', code: 422, reason: 'Invalid', message: 'Deployment.apps "x" is invalid',
        details: { causes: [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' }] },
      }));
    });
    cleanups.push(fixture.close);
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig });
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    const error = await client.request({ method: 'PATCH', path: '/apis/apps/v1/x', body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeApiError);
    expect((error as KubeApiError).reason).toBe('Invalid');
    expect((error as KubeApiError).message).toContain('spec.template.spec.containers: Required value');
    expect(calls).toBe(1);
  });

  it('sends raw JSON bodies with the content type asked for, keeping unknown fields', async () => {
    let received = '';
    let contentType = '';
    const fixture = await httpFixture((request, response) => {
      contentType = request.headers['content-type'] ?? '';
      request.on('data', (chunk: Buffer) => (received += chunk.toString()));
      request.on('end', () => response.writeHead(200).end('{}'));
    });
    cleanups.push(fixture.close);
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig });
    cleanups.push(() => { client.close(); return Promise.resolve(); });
    await client.request({ method: 'PATCH', path: '/x', body: { spec: { futureField: 1 } }, contentType: 'application/apply-patch+yaml' });
    expect(contentType).toBe('application/apply-patch+yaml');
    expect(JSON.parse(received)).toEqual({ spec: { futureField: 1 } });
  });

  it('rejects a context that the kubeconfig does not have', async () => {
    const fixture = await httpFixture((_request, response) => response.end());
    cleanups.push(fixture.close);
    await expect(KubeClient.connect({ kubeconfig: fixture.kubeconfig, context: 'prod' })).rejects.toBeInstanceOf(KubeConfigError);
  });
});

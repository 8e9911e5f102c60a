import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createWarehouse, makeJobDirs, podEnv, runFloeJob } from './floe-job-process.js';

const pythonBinDir = inject('pythonBinDir');
const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const parentSpanId = '00f067aa0ba902b7';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string; boolValue?: boolean };
}
interface OtlpRequest {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { spans: { traceId: string; parentSpanId?: string; name: string; attributes: OtlpAttribute[]; status: { code: number } }[] }[];
  }[];
}

const received: { url: string | undefined; contentType: string | undefined; body: OtlpRequest }[] = [];
const receiver = createHttpServer((request: IncomingMessage, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({ url: request.url, contentType: request.headers['content-type'], body: JSON.parse(body) as OtlpRequest });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
// Accepts connections and never answers: a collector that hangs.
const sockets: Socket[] = [];
/** When the blackhole accepted each connection, and when the client hung up. */
const held: { acceptedAt: number; closed: Promise<number> }[] = [];
const blackhole = createTcpServer((socket) => {
  sockets.push(socket);
  // Read (and drop) the request so the peer's hang-up is seen as 'end', then 'close'.
  socket.resume();
  held.push({ acceptedAt: Date.now(), closed: new Promise((resolve) => socket.on('close', () => resolve(Date.now()))) });
});

afterAll(() => {
  receiver.close();
  for (const socket of sockets) socket.destroy();
  blackhole.close();
});

async function listen(server: ReturnType<typeof createHttpServer> | ReturnType<typeof createTcpServer>): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

const attributesOf = (attributes: OtlpAttribute[]) =>
  Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue]));

describe('OpenTelemetry export', () => {
  it('sends one span per step, child of TRACEPARENT, with tool, command, exit code and summary', async () => {
    const port = await listen(receiver);
    const dirs = makeJobDirs('otlp');
    createWarehouse(pythonBinDir, dirs.warehouse);
    const env = {
      ...podEnv(dirs, pythonBinDir, { name: 'check', type: 'quality', checks: [{ name: 'bad-sql', sql: 'select * from missing_table' }] }),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_SERVICE_NAME: 'floe-job-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test,floe.platform=acme-data',
      TRACEPARENT: `00-${traceId}-${parentSpanId}-01`,
    };
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(1);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.url).toBe('/v1/traces');
    expect(request!.contentType).toBe('application/json');
    const resourceSpans = request!.body.resourceSpans[0]!;
    expect(attributesOf(resourceSpans.resource.attributes)).toEqual({
      'service.name': 'floe-job-test',
      'deployment.environment': 'test',
      'floe.platform': 'acme-data',
    });
    const span = resourceSpans.scopeSpans[0]!.spans[0]!;
    expect(span).toMatchObject({ traceId, parentSpanId, name: 'floe step check', status: { code: 2 } });
    const attributes = attributesOf(span.attributes);
    expect(attributes).toMatchObject({
      'floe.tool': 'quality',
      'floe.command': 'check',
      'floe.step.type': 'quality',
      'floe.run_id': 'run-0001',
      'floe.outcome': 'failed',
      'floe.failure_class': 'application',
      'process.exit.code': '1',
    });
    expect(JSON.parse(attributes['floe.summary'] as string)).toMatchObject({ failed: ['bad-sql'] });
  });

  it('gives up on a collector that never answers after the configured timeout', async () => {
    const port = await listen(blackhole);
    const dirs = makeJobDirs('otlp');
    const env = { ...podEnv(dirs, pythonBinDir, { name: 'check', type: 'quality', checks: [] }) };
    const hanging = await runFloeJob({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_TIMEOUT: '1500' }, dirs.terminationLog);
    expect(hanging.exitCode).toBe(78);
    // floe-job gave up because of its timeout (not a refusal), and released the collector within the
    // bound — measured on the collector's side, so process start-up on a busy machine does not blur it.
    expect(hanging.lines.find((line) => line.level === 'warn')?.message).toMatch(/timeout/i);
    expect(held).toHaveLength(1);
    const holdMs = (await held[0]!.closed) - held[0]!.acceptedAt;
    expect(holdMs).toBeLessThan(3000);
    expect(hanging.lines.some((line) => line.level === 'warn' && line.message.startsWith("could not export the step's span"))).toBe(true);
  });

  it('does not wait on a closed port', async () => {
    const dirs = makeJobDirs('otlp');
    const server = createTcpServer();
    const closed = await listen(server);
    server.close();
    await once(server, 'close');
    const env = { ...podEnv(dirs, pythonBinDir, { name: 'check', type: 'quality', checks: [] }), OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${closed}` };
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(78);
    // The export attempt, timed by floe-job's own log timestamps (independent of process start-up):
    // a refused connection fails at once instead of waiting for the timeout.
    const warnIndex = result.lines.findIndex((line) => line.level === 'warn' && line.message.startsWith("could not export the step's span"));
    expect(warnIndex).toBeGreaterThan(0);
    const at = (index: number) => Date.parse(String(result.lines[index]!['timestamp']));
    expect(at(warnIndex) - at(warnIndex - 1)).toBeLessThan(1000);
  });
});

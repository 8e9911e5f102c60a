import { spawn } from 'node:child_process';
import { podman } from './podman.js';

/** An HTTP request made from inside a container's network namespace. */
export interface InsideRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
}

/** What came back: status, headers (lower-case names) and the body. */
export interface InsideResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

// Runs in a node started inside the namespace: one fetch, described on stdin, answered as JSON on stdout.
const client = [
  'let input = "";',
  'for await (const chunk of process.stdin) input += chunk;',
  'const request = JSON.parse(input);',
  'const response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body === undefined ? undefined : Buffer.from(request.body, "base64"), redirect: "manual", signal: AbortSignal.timeout(20000) });',
  'const body = Buffer.from(await response.arrayBuffer()).toString("base64");',
  'process.stdout.write(JSON.stringify({ status: response.status, headers: Object.fromEntries(response.headers), body }));',
].join('\n');

/**
 * Makes `request` from inside the network namespace of the running container
 * `name`, with this Node.js entered into it (`nsenter --net`, as root): the
 * stand-ins are FROM scratch with no HTTP client of their own, and a pod's
 * peers reach it on its own addresses, not through a port published on the host.
 */
export async function fetchInside(name: string, request: InsideRequest): Promise<InsideResponse> {
  const pid = (await podman(['inspect', '--format', '{{.State.Pid}}', name])).trim();
  const input = JSON.stringify({ ...request, body: request.body === undefined ? undefined : Buffer.from(request.body).toString('base64') });
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('nsenter', ['--target', pid, '--net', '--', process.execPath, '--input-type=module', '-e', client], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${request.method ?? 'GET'} ${request.url} inside ${name} failed: ${stderr.trim().split('\n').at(-1) ?? ''}`))));
    child.stdin.end(input);
  });
  const parsed = JSON.parse(output) as { status: number; headers: Record<string, string>; body: string };
  return { status: parsed.status, headers: parsed.headers, body: Buffer.from(parsed.body, 'base64') };
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeployFailedError } from '@floe/apply';
import { KubeConnectionError } from '@floe/kube';
import { afterEach, describe, expect, it } from 'vitest';
import { apiServerAnswering, writeKubeconfig } from '../test/api-server-stand-in.js';
import { captureOutput } from '../test/capture-output.js';
import { exitCodeOfError } from './error-exit-code.js';
import { exitCodes } from './exit-codes.js';
import { runFloe } from './program.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const examples = `${repoRoot}examples/`;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function floe(...argv: string[]) {
  const output = captureOutput();
  const code = await runFloe(argv, output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

describe('the exit-code table', () => {
  it('gives every class its own status', () => {
    const codes = Object.values(exitCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('is the one the README documents, number by number', () => {
    const readme = readFileSync(`${repoRoot}README.md`, 'utf8').replace(/\s+/g, ' ');
    const paragraph = /Exit statuses:(.*?) They are the same/.exec(readme)?.[1] ?? '';
    const documented = new Set([...paragraph.matchAll(/\b(\d+)(?:-(\d+))?\b/g)].flatMap(([, from, to]) => {
      const first = Number(from);
      return Array.from({ length: (to ? Number(to) : first) - first + 1 }, (_, index) => first + index);
    }));
    expect([...documented].sort((a, b) => a - b)).toEqual(Object.values(exitCodes).sort((a, b) => a - b));
  });

  it('maps errors by category: not ready 3, unavailable 75, anything not floe\'s own 70', () => {
    expect(exitCodeOfError(new DeployFailedError([], true))).toBe(exitCodes.notReady);
    expect(exitCodeOfError(new KubeConnectionError('GET /api', 'https://127.0.0.1:1', new Error('ECONNREFUSED')))).toBe(exitCodes.unavailable);
    expect(exitCodeOfError(new TypeError('x is undefined'))).toBe(exitCodes.internal);
  });
});

// Loading the cluster modules (the Kubernetes client) takes seconds on a busy machine: a generous bound, not a timing.
describe('floe exits by error class', { timeout: 60_000 }, () => {
  it('1 for an invalid spec', async () => {
    const result = await floe('validate', `${examples}pipelines/orders.yaml`, '/proc/version');
    expect(result.code).toBe(exitCodes.invalidInput);
  });

  it('2 for a flag value of the wrong type, before touching anything', async () => {
    for (const argv of [
      ['platform', 'deploy', '-f', `${examples}platform.yaml`, '--timeout', 'abc'],
      ['platform', 'rollback', '--name', 'demo', '--timeout', '1.5'],
      ['pipeline', 'run', '-p', `${examples}pipelines/orders.yaml`, '--concurrency', 'abc'],
      ['job', 'run', '-p', `${examples}pipelines/orders.yaml`, '--step', 'build-models', '--attempt', 'abc'],
      ['job', 'list', '--limit', '0'],
      ['dev', 'up', '--fake-nodes', '-1'],
      ['platform', 'deploy', '-f', `${examples}platform.yaml`, '--dry-run', 'client'],
      ['job', 'list', '-o', 'yaml'],
    ]) {
      const result = await floe(...argv);
      expect({ argv, code: result.code }).toEqual({ argv, code: exitCodes.usage });
      expect(result.stderr).toMatch(/argument '.*' is invalid/);
    }
  });

  it('75 when the API server keeps failing with 503 (retryable), after the client\'s retries', async () => {
    const server = await apiServerAnswering(503, 'ServiceUnavailable');
    closers.push(server.close);
    const result = await floe('job', 'list', '--kubeconfig', server.kubeconfig);
    expect(result.code).toBe(exitCodes.unavailable);
    expect(result.stderr).toContain('503');
    expect(result.stderr).toContain('temporary');
    expect(server.requests()).toBeGreaterThan(1);
  });

  it('75 when nothing listens at the server address', async () => {
    const server = await apiServerAnswering(200, 'OK');
    await server.close();
    const result = await floe('job', 'list', '--kubeconfig', server.kubeconfig);
    expect(result.code).toBe(exitCodes.unavailable);
    expect(result.stderr).toContain('cannot reach the API server');
  });

  it('77 when the API server forbids the request (403)', async () => {
    const server = await apiServerAnswering(403, 'Forbidden');
    closers.push(server.close);
    const result = await floe('job', 'list', '--kubeconfig', server.kubeconfig);
    expect(result.code).toBe(exitCodes.permissionDenied);
    expect(result.stderr).toContain('403 Forbidden');
    expect(server.requests()).toBe(1);
  });

  it('77, with the plugin named and no stack trace, when the kubeconfig\'s credential plugin is missing', async () => {
    const kubeconfig = writeKubeconfig('https://127.0.0.1:6443', { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'floe-missing-credential-plugin' } });
    const result = await floe('job', 'list', '--kubeconfig', kubeconfig);
    expect(result.code).toBe(exitCodes.permissionDenied);
    expect(result.stderr).toContain('"floe-missing-credential-plugin", which is not installed');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('deploy: the spec\'s error wins over the cluster\'s (connecting begins while the spec loads), and the cluster\'s is still reported for a valid spec', async () => {
    const kubeconfig = writeKubeconfig('https://127.0.0.1:6443', { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: 'floe-missing-credential-plugin' } });
    const invalid = await floe('platform', 'deploy', '-f', `${examples}pipelines/orders.yaml`, '--kubeconfig', kubeconfig);
    expect(invalid.code).toBe(exitCodes.invalidInput);
    expect(invalid.stderr).not.toContain('floe-missing-credential-plugin');
    const missing = await floe('platform', 'deploy', '-f', `${examples}no-such-platform.yaml`, '--kubeconfig', kubeconfig);
    expect(missing.code).toBe(exitCodes.invalidInput);
    expect(missing.stderr).toContain('no-such-platform.yaml');
    expect(missing.stderr).not.toContain('floe-missing-credential-plugin');
    const valid = await floe('platform', 'deploy', '-f', `${examples}platform.yaml`, '--kubeconfig', kubeconfig);
    expect(valid.code).toBe(exitCodes.permissionDenied);
    expect(valid.stderr).toContain('"floe-missing-credential-plugin", which is not installed');
  });

  it('1, naming the cluster entry, for a server that is not a URL', async () => {
    const result = await floe('job', 'list', '--kubeconfig', writeKubeconfig('ht!tp:/not a url'));
    expect(result.code).toBe(exitCodes.invalidInput);
    expect(result.stderr).toContain('kubeconfig cluster "stand-in" is not a URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

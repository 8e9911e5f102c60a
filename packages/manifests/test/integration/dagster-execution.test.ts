import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestNamespace, type TestNamespace } from '@floe/local-cluster/testing';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { compilePipelines, compilePlatform, pipelinePodDefaults, renderPlatform, runIdAnnotation } from '../../src/index.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

/** Runs a command to completion; resolves with its exit code and combined output. */
function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

const pipeline = (name: string, retry: string, steps: string, labels = '{}') => parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: ${name}, owner: tests, labels: ${labels} }
spec:
  platform: acme
  retry: ${retry}
  steps:
${steps}
`);
const noWait = '{ maxAttempts: 3, backoff: { initialSeconds: 0, multiplier: 1, maxSeconds: 0, jitter: false } }';

let ns: TestNamespace;
let dir: string;

beforeAll(async () => {
  const kubeconfig = inject('floeKubeconfig');
  ns = await createTestNamespace(kubeconfig, { prefix: 'dagster', podSecurity: 'restricted' });
  const platform = parsePlatformSpec(`apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: ${ns.name} }\n`);
  // The platform's objects in the jobs namespace (ServiceAccount, RBAC, platform config) and dummy credential Secrets.
  for (const object of renderPlatform(platform).objects) {
    if (object.metadata.namespace === ns.name && object.kind !== 'Namespace') await ns.resources.apply(object);
  }
  const secrets = new Map<string, Record<string, string>>();
  for (const entry of pipelinePodDefaults(platform).credentialEnv) {
    const { name, key } = entry.valueFrom.secretKeyRef;
    secrets.set(name, { ...secrets.get(name), [key]: Buffer.from('dummy').toString('base64') });
  }
  for (const [name, data] of secrets) await ns.resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns.name }, data });

  dir = await mkdtemp(join(tmpdir(), 'floe-dagster-'));
  await mkdir(join(dir, 'pipelines'));
  const pipelines = [
    pipeline('dagster-ok', noWait, '    - { name: load, type: dbt, command: seed }\n    - { name: build, type: dbt, command: run, dependsOn: [load] }'),
    // The kwok failure stage fails every pod of this pipeline with exit code 1: AppError, retryable.
    pipeline('dagster-flaky', noWait, '    - { name: flaky, type: dbt, command: run }', '{ pod-fail.stage.kwok.x-k8s.io: "true" }'),
    // A Secret that does not exist: the job runner's pre-flight calls it ConfigError.
    pipeline('dagster-config', noWait, '    - name: needs-secret\n      type: dbt\n      command: run\n      env: [{ name: WAREHOUSE_TOKEN, secretKeyRef: { name: no-such-secret, key: token } }]'),
  ];
  for (const compiled of compilePipelines(pipelines)) await writeFile(join(dir, 'pipelines', compiled.fileName), compiled.json);
  await writeFile(join(dir, 'platform.json'), compilePlatform(platform));
}, 180_000);

afterAll(async () => {
  await ns?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the Dagster code location driving real Jobs through `floe job run`', () => {
  it('runs a pipeline, retries a retryable failure with new attempts, and fails a configuration error at once', { timeout: 600_000 }, async () => {
    const venv = (await run('scripts/setup-orchestrator-python.sh', [], process.env)).output.trim().split('\n').at(-1)!;
    const pytest = await run(join(venv, 'bin/python'), ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'orchestrator/dagster-floe/tests/test_cluster_execution.py'], {
      ...process.env,
      KUBECONFIG: inject('floeKubeconfig'),
      FLOE_BIN: `${process.execPath} ${join(repo, 'apps/cli/dist/cli.js')}`,
      FLOE_TEST_CLUSTER_DIR: dir,
      FLOE_PIPELINE_SCHEMA: join(repo, 'packages/spec/schema/pipeline.schema.json'),
      PYTHONPATH: `${join(repo, 'orchestrator/dagster-floe/src')}:${join(repo, 'orchestrator/dagster-floe/tests')}`,
    });
    expect(pytest.output).toMatch(/3 passed/);
    expect(pytest.code, pytest.output).toBe(0);

    // What the cluster saw: one Job per attempt, named by the Dagster run id and attempt.
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as Record<string, { run_id: string }>;
    const jobs = (await ns.resources.list('batch/v1', 'Job', { namespace: ns.name })).items;
    const attemptsOf = (pipelineName: string) => jobs
      .filter((job) => job.metadata.annotations?.[runIdAnnotation] === report[pipelineName]!.run_id)
      .map((job) => job.metadata.name)
      .sort();
    expect(attemptsOf('dagster-ok')).toHaveLength(2);
    expect(attemptsOf('dagster-flaky').map((name) => name.slice(-3))).toEqual(['-a1', '-a2', '-a3']);
    expect(attemptsOf('dagster-config')).toEqual([]);
  });
});

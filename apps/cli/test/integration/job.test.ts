import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAttemptJob, podReferences } from '@floe/jobs';
import { createTestNamespace, type TestNamespace } from '@floe/local-cluster/testing';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';

let ns: TestNamespace;
let platformFile: string;
let pipelineFile: string;
const kubeconfig = () => ['--kubeconfig', inject('floeKubeconfig')];

const pipelineYaml = `apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: cli, owner: me@acme.example }
spec:
  platform: acme
  steps:
    - { name: first, type: dbt, command: seed }
    - { name: second, type: dbt, command: run, dependsOn: [first] }
`;

beforeAll(async () => {
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'cli-job' });
  const platformYaml = `apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: ${ns.name} }\n`;
  const dir = await mkdtemp(join(tmpdir(), 'floe-cli-job-'));
  platformFile = join(dir, 'platform.yaml');
  pipelineFile = join(dir, 'pipeline.yaml');
  await writeFile(platformFile, platformYaml);
  await writeFile(pipelineFile, pipelineYaml);
  const platform = parsePlatformSpec(platformYaml);
  for (const object of renderPlatform(platform).objects) if (object.metadata.namespace === ns.name && object.kind !== 'Namespace') await ns.resources.apply(object);
  const pipeline = parsePipelineSpec(pipelineYaml);
  for (const reference of podReferences(buildAttemptJob({ platform, pipeline, step: pipeline.spec.steps[0]! }, { runId: 'probe', attempt: 1 }))) {
    if (reference.kind !== 'Secret') continue;
    await ns.resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: reference.name, namespace: ns.name }, stringData: { [reference.key ?? 'x']: 'dummy' } });
  }
});
afterAll(async () => {
  await ns.dispose();
});

describe('floe job and floe pipeline against a cluster', () => {
  it('runs a step with --wait, then shows it in status and list', async () => {
    const run = captureOutput();
    expect(await runFloe(['job', 'run', '-p', pipelineFile, '-f', platformFile, '--step', 'first', '--run-id', 'cli-1', '--wait', ...kubeconfig()], run)).toBe(0);
    expect(run.stdout()).toContain('ok    first succeeded');
    const status = captureOutput();
    expect(await runFloe(['job', 'status', 'cli-1', '-f', platformFile, ...kubeconfig()], status)).toBe(0);
    expect(status.stdout()).toContain('run cli-1: Succeeded');
    const list = captureOutput();
    expect(await runFloe(['job', 'list', '-n', ns.name, '--output', 'json', ...kubeconfig()], list)).toBe(0);
    expect((JSON.parse(list.stdout()) as { runId: string }[]).map((entry) => entry.runId)).toContain('cli-1');
  });

  it('runs a whole pipeline and prints plain progress lines when not on a terminal', async () => {
    const output = captureOutput();
    expect(await runFloe(['pipeline', 'run', '-p', pipelineFile, '-f', platformFile, '--run-id', 'cli-dag', ...kubeconfig()], output)).toBe(0);
    expect(output.stdout()).toContain('start second');
    expect(output.stdout()).toContain('pipeline cli run cli-dag: Succeeded');
  });

  it('runs a step without -f on the platform the cluster last deployed (its newest revision record)', async () => {
    // The platform of this file's beforeAll (its objects are in place), now as a recorded revision.
    const platform = parsePlatformSpec(await readFile(platformFile, 'utf8'));
    await ns.resources.apply({
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: 'acme-revision-1', namespace: ns.name, labels: { 'floe.dev/revision-of': 'acme' } },
      data: { number: '1', platform: JSON.stringify(platform), digest: 'test', deployedAt: new Date().toISOString(), floeVersion: 'test', cause: 'deploy' },
    });
    const run = captureOutput();
    expect(await runFloe(['job', 'run', '-p', pipelineFile, '--step', 'first', '--run-id', 'cli-deployed', '--wait', ...kubeconfig()], run)).toBe(0);
    expect(run.stderr()).toContain(`using platform acme revision 1 (namespace ${ns.name})`);
    expect(run.stdout()).toContain('ok    first succeeded');
  });
});

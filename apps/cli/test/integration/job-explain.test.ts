import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAttemptJob, podReferences, type RunExplanation } from '@floe/jobs';
import { createTestNamespace, type TestNamespace } from '@floe/local-cluster/testing';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';

// On kwok: the pipeline's labels reach the pod, and kwok's pod-fail stage fails every pod labelled for it (exit 1).
let ns: TestNamespace;
const files: Record<'platform' | 'pipeline', string> = { platform: '', pipeline: '' };
const cluster = () => ['--kubeconfig', inject('floeKubeconfig')];

beforeAll(async () => {
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'cli-explain' });
  const texts = {
    platform: `apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: ${ns.name} }\n`,
    pipeline: 'apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: failing\n  owner: me@acme.example\n  labels: { pod-fail.stage.kwok.x-k8s.io: "true" }\nspec:\n  platform: acme\n  steps:\n    - { name: build, type: dbt, command: build }\n',
  };
  const dir = await mkdtemp(join(tmpdir(), 'floe-cli-explain-'));
  for (const kind of ['platform', 'pipeline'] as const) {
    files[kind] = join(dir, `${kind}.yaml`);
    await writeFile(files[kind], texts[kind]);
  }
  const platform = parsePlatformSpec(texts.platform);
  const inJobsNamespace = renderPlatform(platform).objects.filter((object) => object.metadata.namespace === ns.name && object.kind !== 'Namespace');
  for (const object of inJobsNamespace) await ns.resources.apply(object);
  const pipeline = parsePipelineSpec(texts.pipeline);
  const secrets = podReferences(buildAttemptJob({ platform, pipeline, step: pipeline.spec.steps[0]! }, { runId: 'probe', attempt: 1 })).filter((reference) => reference.kind === 'Secret');
  for (const secret of secrets) await ns.resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secret.name, namespace: ns.name }, stringData: { [secret.key ?? 'x']: 'placeholder' } });
});
afterAll(async () => {
  await ns.dispose();
});

describe('floe job explain against a cluster (on kwok)', () => {
  it('on kwok: status points a failed step at explain, which prints the verdict first and the evidence after, in text and JSON', async () => {
    expect(await runFloe(['job', 'run', '-p', files.pipeline, '-f', files.platform, '--step', 'build', '--run-id', 'cli-fail', '--wait', ...cluster()], captureOutput())).toBe(20);

    const status = captureOutput();
    await runFloe(['job', 'status', 'cli-fail', '-f', files.platform, ...cluster()], status);
    expect(status.stdout()).toContain(`why build failed: floe job explain cli-fail --step build -n ${ns.name}`);

    const text = captureOutput();
    expect(await runFloe(['job', 'explain', 'cli-fail', '--step', 'build', '-n', ns.name, ...cluster()], text)).toBe(0);
    const [verdict, ...evidence] = text.stdout().split('\n');
    expect(verdict).toBe('build: AppError: container failed (exit 1); not retried: no attempts left (retry.maxAttempts)');
    expect(evidence.join('\n')).toContain('attempt 1  Failed  AppError (Error, exit 1, retryable)  job failing-build-cli-fail-a1');

    const json = captureOutput();
    expect(await runFloe(['job', 'explain', 'cli-fail', '-n', ns.name, '--attempt', '1', '-o', 'json', ...cluster()], json)).toBe(0);
    const explanation = JSON.parse(json.stdout()) as RunExplanation;
    expect(explanation.steps[0]?.attempts[0]).toMatchObject({ attempt: 1, status: 'Failed', failure: { class: 'AppError', exitCode: 1 }, memory: { limit: '4Gi' } });
  });

  it('on kwok: explain of an unknown run exits 1 and says where to look', async () => {
    const output = captureOutput();
    expect(await runFloe(['job', 'explain', 'no-such-run', '-n', ns.name, ...cluster()], output)).toBe(1);
    expect(output.stderr()).toContain('error[JOBS_RUN_NOT_FOUND]');
  });
});

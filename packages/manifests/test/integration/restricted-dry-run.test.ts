import { randomBytes } from 'node:crypto';
import { KubeClient, ResourceClient } from '@floe/kube';
import type {} from '@floe/local-cluster/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { examplePipeline, examplePlatformText, platformFromText } from '../fixtures.js';
import { renderPipelineJob, renderPlatform } from '../../src/index.js';
import { createPrerequisites, dryRunRejections, podsOf } from '../dry-run.js';

// The example platform with its namespaces made unique to this run.
const suffix = randomBytes(3).toString('hex');
const platform = platformFromText(
  examplePlatformText().replace('platform: floe-platform', `platform: floe-platform-${suffix}`).replace('jobs: floe-jobs', `jobs: floe-jobs-${suffix}`),
);
const rendered = renderPlatform(platform);
const namespaces = rendered.objects.filter((object) => object.kind === 'Namespace');

let client: KubeClient;
let resources: ResourceClient;
let removePrerequisites: () => Promise<void>;
beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
  removePrerequisites = await createPrerequisites(resources, rendered.objects);
});
afterAll(async () => {
  await removePrerequisites();
  client.close();
});

describe('the rendered example platform on a real API server', () => {
  it('labels both namespaces to enforce Pod Security restricted', () => {
    expect(namespaces.map((namespace) => namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'])).toEqual(['restricted', 'restricted']);
  });

  it('is accepted object by object by a server-side dry-run apply, under restricted enforcement', async () => {
    const objects = rendered.objects.filter((candidate) => candidate.kind !== 'Namespace');
    expect(await dryRunRejections(resources, [...objects, ...podsOf(objects)])).toEqual([]);
    expect(rendered.objects.length).toBeGreaterThan(50);
  });

  it('accepts the pipeline Job of every example step under restricted enforcement', async () => {
    const pipeline = examplePipeline('orders');
    const jobs = pipeline.spec.steps.map((step) => renderPipelineJob({ platform, pipeline, step, runId: 'dry-run', attempt: 1 }));
    expect(await dryRunRejections(resources, [...jobs, ...podsOf(jobs)])).toEqual([]);
  });

  it('would reject a privileged variant of a pod template, so the dry run really enforces the profile', async () => {
    const [pod] = podsOf(rendered.objects.filter((object) => object.kind === 'Deployment'));
    const spec = pod!['spec'] as { containers: Record<string, unknown>[] };
    const privileged = { ...pod!, spec: { ...spec, containers: spec.containers.map((container) => ({ ...container, securityContext: { privileged: true } })) } };
    await expect(resources.apply(privileged, { dryRun: true })).rejects.toThrow(/violates PodSecurity "restricted:latest"/);
  });
});

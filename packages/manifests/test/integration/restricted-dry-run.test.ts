import { randomBytes } from 'node:crypto';
import { KubeApiError, KubeClient, ResourceClient } from '@floe/kube';
import type {} from '@floe/local-cluster/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { examplePipeline, examplePlatformText, platformFromText } from '../fixtures.js';
import { renderPipelineJob, renderPlatform, type KubeObject } from '../../src/index.js';

// The example platform with its namespaces made unique to this run.
const suffix = randomBytes(3).toString('hex');
const platform = platformFromText(
  examplePlatformText().replace('platform: floe-platform', `platform: floe-platform-${suffix}`).replace('jobs: floe-jobs', `jobs: floe-jobs-${suffix}`),
);
const rendered = renderPlatform(platform);
const namespaces = rendered.objects.filter((object) => object.kind === 'Namespace');

/**
 * Pod Security admission enforces on Pods only; for Deployments, StatefulSets
 * and Jobs it merely warns, and the pods would be refused later by their
 * controllers. So every pod template is also dry-run as the Pod it becomes.
 */
function podsOf(objects: readonly KubeObject[]): KubeObject[] {
  return objects.flatMap((object) => {
    const spec = object['spec'] as { template?: { metadata?: { labels?: Record<string, string> }; spec: { volumes?: unknown[] } }; volumeClaimTemplates?: { metadata: { name: string } }[] } | undefined;
    const template = spec?.template;
    if (!template) return [];
    // A StatefulSet's pods get one PVC volume per claim template, as its controller would add them.
    const claimVolumes = (spec.volumeClaimTemplates ?? []).map((claim) => ({ name: claim.metadata.name, persistentVolumeClaim: { claimName: `${claim.metadata.name}-${object.metadata.name}-0` } }));
    const podSpec = { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...claimVolumes] };
    return [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${object.metadata.name}-dry-run`.slice(0, 63), namespace: object.metadata.namespace ?? '', labels: template.metadata?.labels ?? {} }, spec: podSpec }];
  });
}

let client: KubeClient;
let resources: ResourceClient;
beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
  // Namespaces and ServiceAccounts for real (dry-run objects and pods need them to exist), with the renderer's Pod Security labels.
  for (const namespace of namespaces) await resources.apply(namespace);
  for (const account of rendered.objects.filter((object) => object.kind === 'ServiceAccount')) await resources.apply(account);
});
afterAll(async () => {
  for (const namespace of namespaces) await resources.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace.metadata.name });
  client.close();
});

describe('the rendered example platform on a real API server', () => {
  it('labels both namespaces to enforce Pod Security restricted', () => {
    expect(namespaces.map((namespace) => namespace.metadata.labels?.['pod-security.kubernetes.io/enforce'])).toEqual(['restricted', 'restricted']);
  });

  it('is accepted object by object by a server-side dry-run apply, under restricted enforcement', async () => {
    const rejected: string[] = [];
    const objects = rendered.objects.filter((candidate) => candidate.kind !== 'Namespace');
    for (const object of [...objects, ...podsOf(objects)]) {
      try {
        await resources.apply(object, { dryRun: true });
      } catch (error) {
        rejected.push(`${object.kind} ${object.metadata.name}: ${error instanceof KubeApiError ? error.message : String(error)}`);
      }
    }
    expect(rejected).toEqual([]);
    expect(rendered.objects.length).toBeGreaterThan(50);
  });

  it('accepts the pipeline Job of every example step under restricted enforcement', async () => {
    const pipeline = examplePipeline('orders');
    const rejected: string[] = [];
    for (const step of pipeline.spec.steps) {
      const job = renderPipelineJob({ platform, pipeline, step, runId: 'dry-run', attempt: 1 });
      for (const object of [job, ...podsOf([job])]) {
        try {
          await resources.apply(object, { dryRun: true });
        } catch (error) {
          rejected.push(`${step.name} ${object.kind}: ${error instanceof KubeApiError ? error.message : String(error)}`);
        }
      }
    }
    expect(rejected).toEqual([]);
  });

  it('would reject a privileged variant of a pod template, so the dry run really enforces the profile', async () => {
    const [pod] = podsOf(rendered.objects.filter((object) => object.kind === 'Deployment'));
    const spec = pod!['spec'] as { containers: Record<string, unknown>[] };
    const privileged = { ...pod!, spec: { ...spec, containers: spec.containers.map((container) => ({ ...container, securityContext: { privileged: true } })) } };
    await expect(resources.apply(privileged, { dryRun: true })).rejects.toThrow(/violates PodSecurity "restricted:latest"/);
  });
});

import type {} from '@floe/local-cluster/testing';
import { KubeClient, ResourceClient, WatchHub, type KubeObject } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deployPlatform, type DeployEvent } from '../../src/index.js';
import { testPlatform, variantOf } from '../platform-fixture.js';

const delaySeconds = 4;
const blueGreen = (text: string) => text.replace('    strategy: rolling\n', `    strategy: blue-green\n    blueGreen:\n      scaleDownDelaySeconds: ${delaySeconds}\n`);
const detailedDebug = (text: string) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n');
const platform: Platform = testPlatform(blueGreen);
const namespace = platform.spec.namespaces.platform;
const collector = 'acme-data-otel-collector';

let client: KubeClient;
let resources: ResourceClient;
beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
});
afterAll(async () => {
  await Promise.all([platform.spec.namespaces.platform, platform.spec.namespaces.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));
  client.close();
});

interface Endpoint { conditions?: { ready?: boolean }; targetRef?: { name?: string } }
interface PodDeletion { name: string; at: number; gracePeriodSeconds: number | undefined }

/** Records, in this process's clock, when the collector's EndpointSlices first list only green pods, and when blue goes. */
async function observeSwitch() {
  const hub = new WatchHub(resources);
  const slices = new Map<string, KubeObject>();
  const seen: { onlyGreenAt?: number; blueDeletedAt?: number; podDeletions: PodDeletion[] } = { podDeletions: [] };
  const stops = [
    await hub.subscribe({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace, labelSelector: `kubernetes.io/service-name=${collector}` }, (event) => {
      if (event.type === 'DELETED') slices.delete(event.object.metadata.name);
      else slices.set(event.object.metadata.name, event.object);
      const endpoints = [...slices.values()].flatMap((slice) => (slice['endpoints'] ?? []) as Endpoint[]);
      const onlyGreen = endpoints.length > 0 && endpoints.every((endpoint) => endpoint.conditions?.ready !== false && endpoint.targetRef?.name?.startsWith(`${collector}-green-`));
      if (onlyGreen && seen.onlyGreenAt === undefined) seen.onlyGreenAt = Date.now();
    }),
    await hub.subscribe({ apiVersion: 'apps/v1', kind: 'Deployment', namespace }, (event) => {
      const deleting = event.type === 'DELETED' || event.object.metadata.deletionTimestamp !== undefined;
      if (deleting && event.object.metadata.name === `${collector}-blue` && seen.blueDeletedAt === undefined) seen.blueDeletedAt = Date.now();
    }),
    await hub.subscribe({ apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: 'floe.dev/color=blue' }, (event) => {
      const metadata = event.object.metadata as KubeObject['metadata'] & { deletionGracePeriodSeconds?: number };
      if (metadata.name.startsWith(`${collector}-blue-`) && metadata.deletionTimestamp !== undefined && !seen.podDeletions.some((pod) => pod.name === metadata.name)) {
        seen.podDeletions.push({ name: metadata.name, at: Date.now(), gracePeriodSeconds: metadata.deletionGracePeriodSeconds });
      }
    }),
  ];
  return { seen, stop: async () => { await Promise.all(stops.map((stop) => stop())); await hub.stopAll(); } };
}

describe('blue-green scale-down delay, on a real API server', () => {
  it('removes the old colour only after the EndpointSlices list the new one, and after the scale-down delay; its pods get their grace period', async () => {
    await deployPlatform({ platform, resources, timeoutMs: 90_000 });
    const observer = await observeSwitch();
    const events: { at: number; event: DeployEvent }[] = [];
    await deployPlatform({ platform: variantOf(platform, (text) => detailedDebug(blueGreen(text))), resources, timeoutMs: 90_000, onEvent: (event) => events.push({ at: Date.now(), event }) });
    // The pod deletions follow the Deployment's through the garbage collector.
    for (let i = 0; i < 50 && observer.seen.podDeletions.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    await observer.stop();
    const { onlyGreenAt, blueDeletedAt, podDeletions } = observer.seen;

    const order = events.flatMap(({ event }) => {
      if (event.type === 'switched') return [`switched ${event.deployment}`];
      if (event.type === 'retiring') return [`retiring ${event.deployment} ${event.seconds}s`];
      if (event.type === 'pruned' && event.ref.kind === 'Deployment') return [`pruned ${event.ref.name}`];
      return [];
    });
    expect(order).toEqual([`switched ${collector}-green`, `retiring ${collector}-blue ${delaySeconds}s`, `pruned ${collector}-blue`]);
    expect(onlyGreenAt).toBeDefined();
    expect(blueDeletedAt).toBeDefined();
    // The deploy counts the delay from its own sight of the EndpointSlices; a watch of the same stream sees them within ms.
    expect(blueDeletedAt! - onlyGreenAt!).toBeGreaterThanOrEqual(delaySeconds * 1000 - 250);
    expect(blueDeletedAt! - onlyGreenAt!).toBeLessThan(delaySeconds * 1000 + 10_000);
    const retiringAt = events.find(({ event }) => event.type === 'retiring')!.at;
    const prunedAt = events.find(({ event }) => event.type === 'pruned')!.at;
    expect(prunedAt - retiringAt).toBeGreaterThanOrEqual(delaySeconds * 1000);
    // Deleted gracefully: each old pod has its own terminationGracePeriodSeconds (30 as rendered), not a forced 0.
    expect(podDeletions.length).toBeGreaterThan(0);
    for (const pod of podDeletions) {
      expect(pod.at).toBeGreaterThanOrEqual(blueDeletedAt!);
      expect(pod.gracePeriodSeconds).toBe(30);
    }
  });
});

import type {} from '@floe/local-cluster/testing';
import { KubeClient, ResourceClient, WatchHub, type KubeObject } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import type { Platform } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DeployFailedError, deployPlatform, diffPlatform, platformStatus, type DeployEvent } from '../../src/index.js';
import { untilHpaSettled } from '../hpa-settled.js';
import { testPlatform, variantOf } from '../platform-fixture.js';

let client: KubeClient;
let resources: ResourceClient;
// A short scale-down delay keeps these tests quick; blue-green-scale-down-delay.test.ts proves the delay itself.
const blueGreen = (text: string) => text.replace('    strategy: rolling\n', '    strategy: blue-green\n    blueGreen:\n      scaleDownDelaySeconds: 1\n');
const platform: Platform = testPlatform(blueGreen);
const ns = platform.spec.namespaces;
const detailedDebug = (text: string) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n');
const crashingCollector = (text: string) => text.replace('    collector:\n      exporters:\n', '    collector:\n      image: kwok.floe.dev/crashloop:1\n      exporters:\n');
const servers = ['acme-data-dagster-webserver', 'acme-data-polaris', 'acme-data-cube-api', 'acme-data-otel-collector'];
const collector = 'acme-data-otel-collector';

beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
});
const adopting: Platform = testPlatform();
afterAll(async () => {
  await Promise.all([ns.platform, ns.jobs, adopting.spec.namespaces.platform, adopting.spec.namespaces.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));
  client.close();
});

async function deploy(target: Platform) {
  const events: DeployEvent[] = [];
  const writesBefore = client.stats.writes;
  const result = await deployPlatform({ platform: target, resources, timeoutMs: 90_000, onEvent: (event) => events.push(event) });
  return { result, events, writes: client.stats.writes - writesBefore };
}

const getDeployment = (name: string) => resources.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.platform, name });
const selectorOf = async (service: string) =>
  ((await resources.get({ apiVersion: 'v1', kind: 'Service', namespace: ns.platform, name: service }))!['spec'] as { selector: Record<string, string> }).selector;

interface Endpoint { conditions?: { ready?: boolean }; targetRef?: { name?: string } }
const readyEndpoints = (slices: Iterable<KubeObject>) =>
  [...slices].flatMap((slice) => ((slice['endpoints'] ?? []) as Endpoint[]).filter((endpoint) => endpoint.conditions?.ready !== false).map((endpoint) => endpoint.targetRef?.name ?? ''));

/** Watches a Service's EndpointSlices and records the ready endpoints after every event. */
async function watchEndpoints(service: string, namespace = ns.platform) {
  const hub = new WatchHub(resources);
  const slices = new Map<string, KubeObject>();
  const history: string[][] = [];
  const stop = await hub.subscribe({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace, labelSelector: `kubernetes.io/service-name=${service}` }, (event) => {
    if (event.type === 'DELETED') slices.delete(event.object.metadata.name);
    else slices.set(event.object.metadata.name, event.object);
    history.push(readyEndpoints(slices.values()));
  });
  return { history, current: () => readyEndpoints(slices.values()), stop: async () => { await stop(); await hub.stopAll(); } };
}

describe('blue-green upgrades, on a real cluster', () => {
  it('deploys every stateless server as its blue colour, the Services selecting blue, and status reports them healthy', async () => {
    const { result } = await deploy(platform);
    expect(result.revision).toBe(1);
    const deployments = (await resources.list('apps/v1', 'Deployment', { namespace: ns.platform })).items;
    const names = deployments.map((item) => item.metadata.name);
    for (const server of servers) {
      expect(names).toContain(`${server}-blue`);
      expect(names).not.toContain(server);
      expect(names).not.toContain(`${server}-green`);
      expect((await selectorOf(server))['floe.dev/color']).toBe('blue');
    }
    // Not blue-green: the daemon, the refresh worker, Grafana, ... keep their names.
    expect(names).toContain('acme-data-dagster-daemon');
    const hpa = await resources.get({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: ns.platform, name: 'acme-data-polaris' });
    expect((hpa!['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe('acme-data-polaris-blue');
    const pdb = await resources.get({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', namespace: ns.platform, name: 'acme-data-cube-api' });
    expect((pdb!['spec'] as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels['floe.dev/color']).toBeUndefined();
    const status = await platformStatus(resources, platform);
    expect(status.services.filter((service) => service.state !== 'Current')).toEqual([]);
    expect(status.healthy).toBe(true);
    expect(status.services.map((service) => service.name)).toEqual(expect.arrayContaining(servers.map((server) => `${server}-blue`)));
    // Polaris' HPA raises it to minReplicas 15 s after its creation: settled here, not during a later readiness check.
    await untilHpaSettled(resources, ns.platform, 'acme-data-polaris');
  });

  it('never colours a StatefulSet (databases and other stateful services)', async () => {
    const statefulSets = (await resources.list('apps/v1', 'StatefulSet', { namespace: ns.platform })).items;
    const rendered = renderPlatform(platform).objects.filter((object) => object.kind === 'StatefulSet').map((object) => object.metadata.name).sort();
    expect(statefulSets.map((item) => item.metadata.name).sort()).toEqual(rendered);
    expect(rendered.length).toBeGreaterThan(2);
    for (const item of statefulSets) expect(JSON.stringify(item)).not.toContain('floe.dev/color');
  });

  it('performs zero object writes when nothing changed', async () => {
    const { result, writes, events } = await deploy(platform);
    expect(writes).toBe(0);
    expect(result).toMatchObject({ created: 0, configured: 0, pruned: 0, revision: 1 });
    expect(events.some((event) => event.type === 'switched')).toBe(false);
  });

  it('switches only the changed server to green without a moment of zero ready endpoints, then removes blue', async () => {
    const watcher = await watchEndpoints(collector);
    expect(watcher.current().length).toBeGreaterThan(0);
    const changed = variantOf(platform, (text) => detailedDebug(blueGreen(text)));
    expect(await diffPlatform(resources, platform)).toEqual([]);
    const diff = await diffPlatform(resources, changed);
    expect(diff.map((change) => `${change.action} ${change.ref.kind}/${change.ref.name}`).sort())
      .toEqual([`create Deployment/${collector}-green`, `delete Deployment/${collector}-blue`, `update ConfigMap/${collector}-config`, `update Service/${collector}`]);
    expect(diff.find((change) => change.ref.kind === 'Service')!.diff).toMatch(/-\s+floe\.dev\/color: blue\n\+\s+floe\.dev\/color: green/);
    const { events, result } = await deploy(changed);
    // Let the EndpointSlice controller settle after the old colour is gone.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await watcher.stop();
    expect(events.filter((event) => event.type === 'switched').map((event) => event.type === 'switched' && `${event.deployment}:${event.from}->${event.to}`)).toEqual([`${collector}-green:blue->green`]);
    expect(watcher.history.length).toBeGreaterThan(1);
    expect(watcher.history.filter((ready) => ready.length === 0)).toEqual([]);
    expect(watcher.current().length).toBeGreaterThan(0);
    expect(watcher.current().every((pod) => pod.startsWith(`${collector}-green-`))).toBe(true);
    expect((await selectorOf(collector))['floe.dev/color']).toBe('green');
    expect(await getDeployment(`${collector}-blue`)).toBeUndefined();
    expect(await getDeployment(`${collector}-green`)).toBeDefined();
    const changes = events.flatMap((event) => (event.type === 'applied' && event.action !== 'unchanged' ? [`${event.action} ${event.ref.kind}/${event.ref.name}`] : []));
    expect(changes.sort()).toEqual([`configured ConfigMap/${collector}-config`, `configured Service/${collector}`, `created Deployment/${collector}-green`]);
    expect(events.flatMap((event) => (event.type === 'pruned' ? [`${event.ref.kind}/${event.ref.name}`] : []))).toEqual([`Deployment/${collector}-blue`]);
    expect(result.revision).toBe(2);
    // The other servers did not move.
    for (const server of servers.filter((name) => name !== collector)) expect((await selectorOf(server))['floe.dev/color']).toBe('blue');
    const again = await deploy(changed);
    expect(again.writes).toBe(0);
  });

  it('fails fast when the new colour crash-loops, leaving the Service on the old colour with ready endpoints; the next deploy removes the broken colour', async () => {
    const good = variantOf(platform, (text) => detailedDebug(blueGreen(text)));
    const broken = variantOf(platform, (text) => crashingCollector(detailedDebug(blueGreen(text))));
    const started = Date.now();
    const error = await deploy(broken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).message).toMatch(/CrashLoopBackOff/);
    expect((error as DeployFailedError).message).toContain(`${collector}-blue`);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect((await selectorOf(collector))['floe.dev/color']).toBe('green');
    const watcher = await watchEndpoints(collector);
    const ready = watcher.current();
    await watcher.stop();
    expect(ready.length).toBeGreaterThan(0);
    expect(ready.every((pod) => pod.startsWith(`${collector}-green-`))).toBe(true);

    const { events } = await deploy(good);
    expect(events.some((event) => event.type === 'switched')).toBe(false);
    expect(events.flatMap((event) => (event.type === 'pruned' ? [`${event.ref.kind}/${event.ref.name}`] : []))).toEqual([`Deployment/${collector}-blue`]);
    expect(await getDeployment(`${collector}-blue`)).toBeUndefined();
    const statusAfter = await platformStatus(resources, good);
    expect(statusAfter.healthy, JSON.stringify(statusAfter)).toBe(true);
  });

  it('adopts blue-green on a platform deployed with rolling upgrades, and goes back, never without ready endpoints', async () => {
    const namespace = adopting.spec.namespaces.platform;
    await deploy(adopting);
    const deploymentNames = async () => (await resources.list('apps/v1', 'Deployment', { namespace })).items.map((item) => item.metadata.name);
    const replicasOf = async (name: string) => ((await resources.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name }))?.['spec'] as { replicas?: number } | undefined)?.replicas;
    // Polaris is autoscaled: scale it as its HPA would (another manager owning replicas).
    await resources.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'acme-data-polaris', namespace }, spec: { replicas: 3 } }, { fieldManager: 'hpa-stand-in', force: true });
    const polarisReplicas = await replicasOf('acme-data-polaris');
    expect(polarisReplicas).toBe(3);
    const toBlueGreen = variantOf(adopting, blueGreen);
    const watcher = await watchEndpoints('acme-data-cube-api', namespace);
    const { events } = await deploy(toBlueGreen);
    expect(events.filter((event) => event.type === 'switched').map((event) => event.type === 'switched' && `${event.deployment}:${event.from ?? 'none'}->${event.to}`).sort())
      .toEqual(servers.map((server) => `${server}-blue:none->blue`).sort());
    const names = await deploymentNames();
    for (const server of servers) expect([server, names.includes(server), names.includes(`${server}-blue`)]).toEqual([server, false, true]);
    // The new colour of the autoscaled Polaris starts as large as the HPA had made the old Deployment.
    expect(await replicasOf('acme-data-polaris-blue')).toBe(polarisReplicas);

    const back = await deploy(adopting);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await watcher.stop();
    expect(back.events.some((event) => event.type === 'switched')).toBe(false);
    const after = await deploymentNames();
    for (const server of servers) expect([server, after.includes(server), after.includes(`${server}-blue`)]).toEqual([server, true, false]);
    expect(watcher.history.length).toBeGreaterThan(2);
    expect(watcher.history.filter((ready) => ready.length === 0)).toEqual([]);
    expect((await platformStatus(resources, adopting)).healthy).toBe(true);
  });
});

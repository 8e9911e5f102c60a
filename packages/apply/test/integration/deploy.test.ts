import type { KubeClient, KubeObject, ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { renderPlatform } from '@floe/manifests';
import { describe, expect, it, vi } from 'vitest';
import { ApplyConflictError, DeployFailedError, deployPlatform, listRevisions, platformStatus, readLastDeploy, RevisionContendedError, type DeployEvent } from '../../src/index.js';
import { useClusterSession } from '../cluster-session.js';
import { untilHpaSettled } from '../hpa-settled.js';
import { testPlatform, variantOf } from '../platform-fixture.js';

let client: KubeClient;
let resources: ResourceClient;
const platform: Platform = testPlatform();
const ns = platform.spec.namespaces;

useClusterSession(platform, (session) => ({ client, resources } = session));

async function deploy(target: Platform, extra: Partial<Parameters<typeof deployPlatform>[0]> = {}) {
  const events: DeployEvent[] = [];
  const writesBefore = client.stats.writes;
  const result = await deployPlatform({ platform: target, resources, timeoutMs: 90_000, onEvent: (event) => events.push(event), ...extra });
  return { result, events, writes: client.stats.writes - writesBefore };
}

const get = (kind: string, namespace: string, name: string, apiVersion = 'v1') => resources.get({ apiVersion, kind, namespace, name });
const podTemplateAnnotations = (object: KubeObject | undefined) =>
  ((object?.['spec'] as { template: { metadata?: { annotations?: Record<string, string> } } }).template.metadata?.annotations ?? {});

describe('floe platform deploy, on a real cluster', () => {
  it('brings the full example platform to Ready, each server after its database and the self-waiting setup Jobs with the first workloads, and status reports every service healthy', async () => {
    const { result, events } = await deploy(platform);
    expect(result.created).toBeGreaterThan(50);
    expect(result.revision).toBe(1);
    // Workloads and HPAs/PDBs start as what they need is there, so their phases begin before the stateful phase's wait ends.
    expect(events.filter((event) => event.type === 'phase').map((event) => event.type === 'phase' && event.phase)).toEqual(['namespaces', 'references', 'stateful', 'workloads', 'scaling']);
    const ready = (name: string) => events.findIndex((event) => event.type === 'waiting' && event.ref.name === name && event.state === 'Current');
    const applied = (kind: string, name: string) => events.findIndex((event) => event.type === 'applied' && event.ref.kind === kind && event.ref.name.startsWith(name));
    expect(ready('acme-data-dagster-postgresql')).toBeGreaterThanOrEqual(0);
    const bootstrap = (await resources.list('batch/v1', 'Job', { namespace: ns.platform })).items.find((job) => job.metadata.name.startsWith('acme-data-polaris-catalog-bootstrap'));
    // The HPA goes in once the workloads are applied, not once every workload is Ready: by the cluster's clock (seconds),
    // it exists no later than the last workload turned ready — a Deployment Available, a Job complete (the events race
    // the waits' reports; the last workload applied turns ready after the HPA's apply).
    expect(applied('HorizontalPodAutoscaler', 'acme-data-polaris')).toBeGreaterThan(applied('Deployment', 'acme-data-polaris'));
    type Conditions = { conditions?: { type: string; lastTransitionTime: string }[]; completionTime?: string };
    const readyAt = [
      ...(await resources.list('apps/v1', 'Deployment', { namespace: ns.platform })).items.map((deployment) => (deployment['status'] as Conditions).conditions?.find((condition) => condition.type === 'Available')?.lastTransitionTime),
      ...(await resources.list('batch/v1', 'Job', { namespace: ns.platform })).items.map((job) => (job['status'] as Conditions).completionTime),
    ].map((time) => Date.parse(time ?? ''));
    expect(readyAt.every(Number.isFinite)).toBe(true);
    const hpa = await get('HorizontalPodAutoscaler', ns.platform, 'acme-data-polaris', 'autoscaling/v2');
    expect(Date.parse(hpa!.metadata.creationTimestamp!)).toBeLessThanOrEqual(Math.max(...readyAt));
    expect(applied('Deployment', 'acme-data-dagster-webserver')).toBeGreaterThan(ready('acme-data-dagster-postgresql'));
    // The setup Jobs (the catalog and realm bootstraps, MinIO's bucket Job) wait for their servers by themselves: they
    // start with the first workloads, before Polaris (which waits for MinIO and its database) is applied, and the
    // deploy returns only once they have completed.
    for (const job of ['acme-data-polaris-catalog-bootstrap', 'acme-data-minio-buckets', 'acme-data-polaris-bootstrap']) {
      expect({ job, before: applied('Job', job) >= 0 && applied('Job', job) < applied('Deployment', 'acme-data-polaris') }).toEqual({ job, before: true });
    }
    expect(applied('Deployment', 'acme-data-polaris')).toBeGreaterThan(ready('acme-data-minio'));
    expect(applied('Deployment', 'acme-data-polaris')).toBeGreaterThan(ready('acme-data-polaris-postgresql'));
    expect(ready(bootstrap!.metadata.name)).toBeGreaterThan(applied('Job', 'acme-data-polaris-catalog-bootstrap'));
    expect((bootstrap?.['status'] as { succeeded?: number } | undefined)?.succeeded).toBe(1);
    const status = await platformStatus(resources, platform);
    expect(status.services.filter((service) => service.state !== 'Current')).toEqual([]);
    expect(status.healthy).toBe(true);
    expect(status.services.map((service) => service.name)).toContain('acme-data-dagster-webserver');
    // Polaris' HPA raises it to minReplicas 15 s after its creation: settled here, not during a later readiness check.
    await untilHpaSettled(resources, ns.platform, 'acme-data-polaris');
  });

  it('without waiting, a first deploy reads no member lists, no Secret and no discovery, and writes each object and its records once', async () => {
    const fresh = testPlatform();
    try {
      const stats = () => ({ gets: client.stats.byMethod.get('GET') ?? 0, writes: client.stats.writes });
      const before = stats();
      const { result, events } = await deploy(fresh, { wait: false });
      const after = stats();
      const credentials = events.filter((event) => event.type === 'credential').length;
      expect(credentials).toBe(renderPlatform(fresh).generatedCredentials.reduce((sum, credential) => sum + credential.namespaces.length, 0));
      // Reads: the inventory, the Secrets' names in each namespace with a generated credential (metadata only), the
      // revisions and the last deploy's record. Nothing else: no GET per credential, no member list, no discovery.
      const credentialNamespaces = new Set(renderPlatform(fresh).generatedCredentials.flatMap((credential) => credential.namespaces)).size;
      expect(credentialNamespaces).toBe(2);
      expect(after.gets - before.gets).toBe(1 + credentialNamespaces + 2);
      // Writes: every object once, each credential, the inventory (widened once, already exact), the revision, the record.
      expect(after.writes - before.writes).toBe(result.created + credentials + 3);
      expect(result.revision).toBe(1);
    } finally {
      await Promise.all([fresh.spec.namespaces.platform, fresh.spec.namespaces.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));
    }
  });

  describe('recording the revision: created without reading the revisions again, never over one another deploy recorded', () => {
    // Another deploy records each revision this one is about to record, just before it does.
    async function deployWhileOthersRecord(fresh: Platform, takenNumbers: number) {
      const create = resources.create.bind(resources);
      const taken: string[] = [];
      const creates = vi.spyOn(resources, 'create').mockImplementation(async (object, options) => {
        if (object.kind === 'ConfigMap' && /-revision-\d+$/.test(object.metadata.name) && taken.length < takenNumbers) {
          taken.push(object.metadata.name);
          const data = (object as KubeObject)['data'] as Record<string, string>;
          await create({ ...object, data: { ...data, digest: 'recorded-by-another-deploy', cause: 'another deploy' } });
        }
        return create(object, options);
      });
      const lists = vi.spyOn(resources, 'list');
      try {
        const outcome = await deploy(fresh, { wait: false, renderer: 'deploy-test-renderer' }).then((value) => ({ ...value, error: undefined }), (error: unknown) => ({ error }));
        const revisionLists = lists.mock.calls.filter(([, , options]) => options?.labelSelector?.includes('floe.dev/revision-of')).length;
        return { ...outcome, taken, revisionLists };
      } finally {
        creates.mockRestore();
        lists.mockRestore();
      }
    }
    const cleanUp = (fresh: Platform) => Promise.all([fresh.spec.namespaces.platform, fresh.spec.namespaces.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));

    it('a first deploy lists the revisions once, at the start; when another deploy took the number meanwhile, it keeps that one and records the next', async () => {
      const fresh = testPlatform();
      try {
        const alone = await deployWhileOthersRecord(fresh, 0);
        expect(alone.error).toBeUndefined();
        expect(alone.revisionLists).toBe(1);
        const changed = variantOf(fresh, (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));
        const contended = await deployWhileOthersRecord(changed, 1);
        expect(contended.error).toBeUndefined();
        expect(contended.taken).toEqual([`${fresh.metadata.name}-revision-2`]);
        // Listed at the start, and again after the conflict.
        expect(contended.revisionLists).toBe(2);
        expect('result' in contended && contended.result.revision).toBe(3);
        const revisions = await listRevisions(resources, fresh.metadata.name, fresh.spec.namespaces.platform);
        expect(revisions.map((revision) => [revision.number, revision.cause])).toEqual([[1, 'deploy'], [2, 'another deploy'], [3, 'deploy']]);
        // The success, first recorded beside revision 2, is recorded again with the revision this deploy recorded.
        expect(await readLastDeploy(resources, fresh.metadata.name, fresh.spec.namespaces.platform)).toMatchObject({ outcome: 'succeeded', revision: 3 });
      } finally {
        await cleanUp(fresh);
      }
    });

    it('gives up with a typed error when other deploys take every number it tries, its objects applied', async () => {
      const fresh = testPlatform();
      try {
        const contended = await deployWhileOthersRecord(fresh, 10);
        expect(contended.error).toBeInstanceOf(RevisionContendedError);
        expect((contended.error as RevisionContendedError).category).toBe('unavailable');
        expect(contended.taken).toEqual([1, 2, 3].map((number) => `${fresh.metadata.name}-revision-${number}`));
        expect(await get('Deployment', fresh.spec.namespaces.platform, 'acme-data-dagster-webserver', 'apps/v1')).toBeDefined();
        // The success records written beside each attempt settled first: the failure is what stays recorded.
        expect(await readLastDeploy(resources, fresh.metadata.name, fresh.spec.namespaces.platform)).toMatchObject({ outcome: 'failed' });
      } finally {
        await cleanUp(fresh);
      }
    });
  });

  it('performs zero object writes when nothing changed', async () => {
    const passwordBefore = (await get('Secret', ns.platform, 'acme-data-dagster-postgresql'))?.['data'];
    const { result, writes } = await deploy(platform);
    expect(writes).toBe(0);
    expect(result).toMatchObject({ created: 0, configured: 0, pruned: 0, revision: 1 });
    expect(result.unchanged).toBeGreaterThan(50);
    expect((await get('Secret', ns.platform, 'acme-data-dagster-postgresql'))?.['data']).toEqual(passwordBefore);
  });

  it('a re-deploy that writes nothing checks readiness from its first reads: the records once, no pod list, no watch', async () => {
    // The first deploy by this renderer records it on the revision (one write); the second is the measured no-op.
    await deploy(platform, { renderer: 'deploy-test-renderer' });
    const streams = vi.spyOn(client, 'stream');
    const lists = vi.spyOn(resources, 'list');
    const gets = vi.spyOn(resources, 'get');
    try {
      const { result, writes, events } = await deploy(platform, { renderer: 'deploy-test-renderer' });
      expect(writes).toBe(0);
      expect(result).toMatchObject({ created: 0, configured: 0, pruned: 0, revision: 1 });
      expect(streams).not.toHaveBeenCalled();
      expect(lists.mock.calls.map(([, kind]) => kind).filter((kind) => kind === 'Pod' || kind === 'ReplicaSet')).toEqual([]);
      // The revisions listed once and the last deploy's record read once: at the start, not again at the end.
      expect(lists.mock.calls.filter(([, , options]) => options?.labelSelector?.includes('floe.dev/revision-of')).length).toBe(1);
      expect(gets.mock.calls.filter(([ref]) => ref.name.endsWith('-last-deploy')).length).toBe(1);
      // Every workload, Job and claim reported ready, as the waiter reports them.
      const ready = events.filter((event) => event.type === 'waiting' && event.state === 'Current').map((event) => event.type === 'waiting' && `${event.ref.kind}/${event.ref.name}`);
      expect(ready).toEqual(expect.arrayContaining(['StatefulSet/acme-data-dagster-postgresql', 'Deployment/acme-data-dagster-webserver', 'PersistentVolumeClaim/acme-data-registry']));
    } finally {
      streams.mockRestore();
      lists.mockRestore();
      gets.mockRestore();
    }
  });

  it('re-creates a generated credential deleted from one namespace with the values the other namespace keeps', async () => {
    const kept = (await get('Secret', ns.platform, 'acme-data-dagster-postgresql'))?.['data'];
    expect(kept).toBeDefined();
    await resources.delete({ apiVersion: 'v1', kind: 'Secret', namespace: ns.jobs, name: 'acme-data-dagster-postgresql' });
    const { events } = await deploy(platform, { wait: false });
    expect(events.filter((event) => event.type === 'credential' && event.action === 'created')).toEqual([{ type: 'credential', secret: 'acme-data-dagster-postgresql', namespace: ns.jobs, action: 'created' }]);
    expect((await get('Secret', ns.jobs, 'acme-data-dagster-postgresql'))?.['data']).toEqual(kept);
  });

  it('rolls only the consuming workload when one ConfigMap changes, and keeps generated passwords', async () => {
    const secretsBefore = await resources.list('v1', 'Secret', { namespace: ns.platform, labelSelector: 'floe.dev/generated-credential=true' });
    const deploymentsBefore = await resources.list('apps/v1', 'Deployment', { namespace: ns.platform });
    const changed = variantOf(platform, (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));
    const { events } = await deploy(changed);
    const configured = events.flatMap((event) => (event.type === 'applied' && event.action === 'configured' ? [`${event.ref.kind}/${event.ref.name}`] : []));
    expect(configured.sort()).toEqual(['ConfigMap/acme-data-otel-collector-config', 'Deployment/acme-data-otel-collector']);
    const deploymentsAfter = await resources.list('apps/v1', 'Deployment', { namespace: ns.platform });
    for (const before of deploymentsBefore.items) {
      const after = deploymentsAfter.items.find((item) => item.metadata.name === before.metadata.name)!;
      const rolled = JSON.stringify(podTemplateAnnotations(after)) !== JSON.stringify(podTemplateAnnotations(before));
      expect([before.metadata.name, rolled]).toEqual([before.metadata.name, before.metadata.name === 'acme-data-otel-collector']);
    }
    const secretsAfter = await resources.list('v1', 'Secret', { namespace: ns.platform, labelSelector: 'floe.dev/generated-credential=true' });
    expect(secretsAfter.items.map((secret) => [secret.metadata.name, secret['data']])).toEqual(secretsBefore.items.map((secret) => [secret.metadata.name, secret['data']]));
    expect((await listRevisions(resources, platform.metadata.name, ns.platform)).map((revision) => revision.number)).toEqual([1, 2]);
  });

  it('reports a field owned by another manager by name, and takes it with --force-conflicts', async () => {
    const current = variantOf(platform, (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));
    const configMap = (await get('ConfigMap', ns.jobs, 'floe-platform-config'))!;
    const data = configMap['data'] as Record<string, string>;
    await resources.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'floe-platform-config', namespace: ns.jobs }, data: { FLOE_ENVIRONMENT: 'hand-edited' } }, { fieldManager: 'kubectl-edit', force: true });
    const error = await deploy(current).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplyConflictError);
    expect((error as ApplyConflictError).message).toContain('"kubectl-edit"');
    expect((error as ApplyConflictError).message).toContain('--force-conflicts');
    await deploy(current, { forceConflicts: true });
    expect(((await get('ConfigMap', ns.jobs, 'floe-platform-config'))!['data'] as Record<string, string>)['FLOE_ENVIRONMENT']).toBe(data['FLOE_ENVIRONMENT']);
  });

  it('takes spec.replicas back from the HPA controller when autoscaling is switched off: no conflict, no --force-conflicts', async () => {
    const name = 'acme-data-polaris';
    // What the HPA controller leaves behind: spec.replicas owned by kube-controller-manager (it writes them through /scale).
    await resources.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns.platform }, spec: { replicas: 3 } }, { fieldManager: 'kube-controller-manager', force: true });
    const fixed = variantOf(platform, (text) => text.replace('      autoscaling:\n        minReplicas: 2\n        maxReplicas: 4\n        targetCPUUtilizationPercentage: 70\n', '      replicas: 2\n'));
    expect((fixed.spec.catalog as { server?: { autoscaling?: unknown } }).server?.autoscaling).toBeUndefined();
    await deploy(fixed);
    const deployment = (await get('Deployment', ns.platform, name, 'apps/v1'))!;
    expect((deployment['spec'] as { replicas: number }).replicas).toBe(2);
    const owners = (deployment.metadata as { managedFields: { manager: string; fieldsV1?: { 'f:spec'?: Record<string, unknown> } }[] }).managedFields
      .filter((entry) => entry.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined).map((entry) => entry.manager);
    expect(owners).toEqual(['floe']);
    expect(await get('HorizontalPodAutoscaler', ns.platform, name, 'autoscaling/v2')).toBeUndefined();
    // A user's own scale stays a conflict to report. It stays within the HPA's bounds (2 to 4): the HPA clamps a count
    // outside them at its next sync, which would roll Polaris while a later test checks that every service is Current.
    await resources.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: ns.platform }, spec: { replicas: 4 } }, { fieldManager: 'kubectl', force: true });
    const error = await deploy(variantOf(platform, (text) => text.replace('      autoscaling:\n        minReplicas: 2\n        maxReplicas: 4\n        targetCPUUtilizationPercentage: 70\n', '      replicas: 3\n'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplyConflictError);
    expect((error as ApplyConflictError).message).toContain('"kubectl"');
    await deploy(platform, { forceConflicts: true });
    const { minReplicas, maxReplicas } = (await get('HorizontalPodAutoscaler', ns.platform, name, 'autoscaling/v2'))!['spec'] as { minReplicas: number; maxReplicas: number };
    const replicas = ((await get('Deployment', ns.platform, name, 'apps/v1'))!['spec'] as { replicas: number }).replicas;
    expect(replicas).toBeGreaterThanOrEqual(minReplicas);
    expect(replicas).toBeLessThanOrEqual(maxReplicas);
  });

  it('prunes exactly the objects of a removed component, and never an object without our labels', async () => {
    const foreign = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'acme-data-grafana-foreign', namespace: ns.platform }, data: { owner: 'someone else' } };
    await resources.apply(foreign, { fieldManager: 'someone-else' });
    const before = await resources.list('apps/v1', 'Deployment', { namespace: ns.platform });
    const withoutGrafana = variantOf(platform, (text) => text.replace('    grafana:\n      enabled: true\n', '    grafana:\n      enabled: false\n').replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));
    const { result, events } = await deploy(withoutGrafana);
    const pruned = events.flatMap((event) => (event.type === 'pruned' ? [`${event.ref.kind}/${event.ref.name}`] : []));
    expect(pruned.length).toBe(result.pruned);
    // Exactly what rendering with Grafana has and rendering without it has not.
    const names = (target: Platform) => new Set(renderPlatform(target).objects.map((object) => `${object.kind}/${object.metadata.name}`));
    const withGrafana = names(variantOf(platform, (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n')));
    const without = names(withoutGrafana);
    expect(pruned.sort()).toEqual([...withGrafana].filter((name) => !without.has(name)).sort());
    expect(pruned).toContain('Deployment/acme-data-grafana');
    const after = await resources.list('apps/v1', 'Deployment', { namespace: ns.platform });
    expect(before.items.map((item) => item.metadata.name).filter((name) => !name.includes('grafana')).sort()).toEqual(after.items.map((item) => item.metadata.name).sort());
    expect(await get('ConfigMap', ns.platform, 'acme-data-grafana-foreign')).toBeDefined();
  });

  it('fails fast with the reason when a workload crash-loops, and --atomic restores the previous revision', async () => {
    const good = variantOf(platform, (text) => text.replace('    grafana:\n      enabled: true\n', '    grafana:\n      enabled: false\n').replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));
    const broken = variantOf(platform, (text) => text.replace('    grafana:\n      enabled: true\n', '    grafana:\n      enabled: false\n').replace('  semantic:\n    type: cube\n', '  semantic:\n    type: cube\n    image: kwok.floe.dev/crashloop:1\n'));
    const revisionsBefore = await listRevisions(resources, platform.metadata.name, ns.platform);
    const started = Date.now();
    const { events } = { events: [] as DeployEvent[] };
    const error = await deployPlatform({ platform: broken, resources, timeoutMs: 90_000, atomic: true, onEvent: (event) => events.push(event) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeployFailedError);
    expect((error as DeployFailedError).message).toMatch(/CrashLoopBackOff/);
    expect((error as DeployFailedError).message).toContain('acme-data-cube');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(events.some((event) => event.type === 'rollback' && event.toRevision === revisionsBefore.at(-1)!.number)).toBe(true);
    const cube = await get('Deployment', ns.platform, 'acme-data-cube-api', 'apps/v1');
    const image = (cube!['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image;
    expect(image).toBe(good.spec.semantic.image);
    expect((await platformStatus(resources, good)).services.filter((service) => service.state !== 'Current')).toEqual([]);
  });
});

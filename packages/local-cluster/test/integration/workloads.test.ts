import type { KubeObject } from '@floe/kube';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, type TestNamespace } from '../../src/testing/index.js';

let ns: TestNamespace;
beforeEach(async () => {
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'workloads' });
});
afterEach(async () => {
  await ns.dispose();
});

const podSpec = { containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '1'] }] };
type WithStatus = KubeObject & { status?: Record<string, unknown> };
const statusOf = (object: WithStatus | undefined) => (object?.status ?? {}) as Record<string, unknown> & { conditions?: { type: string; status: string; reason?: string }[] };

describe('the local cluster runs workloads', () => {
  it('brings a Deployment to Available with all replicas ready', async () => {
    await ns.resources.apply({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns.name },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: podSpec } },
    });
    const deployment = await eventually(
      () => ns.resources.get<WithStatus>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.name, name: 'web' }),
      (value) => statusOf(value).conditions?.some((condition) => condition.type === 'Available' && condition.status === 'True') === true && statusOf(value)['readyReplicas'] === 3,
      { what: 'Deployment Available' },
    );
    expect(statusOf(deployment)['availableReplicas']).toBe(3);
  });

  it('makes a StatefulSet with a volumeClaimTemplate Ready with a Bound PVC', async () => {
    await ns.resources.apply({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: ns.name },
      spec: {
        serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: podSpec },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await eventually(
      () => ns.resources.get<WithStatus>({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: ns.name, name: 'db' }),
      (value) => statusOf(value)['readyReplicas'] === 1,
      { what: 'StatefulSet Ready' },
    );
    const claim = await eventually(
      () => ns.resources.get<WithStatus>({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns.name, name: 'data-db-0' }),
      (value) => statusOf(value)['phase'] === 'Bound',
      { what: 'PVC Bound' },
    );
    expect((claim?.['spec'] as { storageClassName?: string }).storageClassName).toBe('floe-local');
  });

  it('completes a Job', async () => {
    await ns.resources.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'ok', namespace: ns.name },
      spec: { backoffLimit: 0, template: { spec: { ...podSpec, restartPolicy: 'Never' } } },
    });
    const job = await eventually(
      () => ns.resources.get<WithStatus>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns.name, name: 'ok' }),
      (value) => statusOf(value).conditions?.some((condition) => condition.type === 'Complete' && condition.status === 'True') === true,
      { what: 'Job Complete' },
    );
    expect(statusOf(job)['succeeded']).toBe(1);
  });

  it('fails a Job labelled for failure with the exit code and reason asked for', async () => {
    await ns.resources.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad', namespace: ns.name },
      spec: {
        backoffLimit: 0,
        template: {
          metadata: {
            labels: { 'pod-fail.stage.kwok.x-k8s.io': 'true' },
            annotations: { 'pod-fail.stage.kwok.x-k8s.io/exit-code': '42', 'pod-fail.stage.kwok.x-k8s.io/reason': 'OOMKilled', 'pod-fail.stage.kwok.x-k8s.io/delay': '200ms' },
          },
          spec: { ...podSpec, restartPolicy: 'Never' },
        },
      },
    });
    await eventually(
      () => ns.resources.get<WithStatus>({ apiVersion: 'batch/v1', kind: 'Job', namespace: ns.name, name: 'bad' }),
      (value) => statusOf(value).conditions?.some((condition) => condition.type === 'Failed' && condition.status === 'True') === true,
      { what: 'Job Failed' },
    );
    const pods = await ns.resources.list<WithStatus>('v1', 'Pod', { namespace: ns.name, labelSelector: 'job-name=bad' });
    const terminated = (statusOf(pods.items[0]) as { containerStatuses?: { state: { terminated?: { exitCode: number; reason: string } } }[] }).containerStatuses?.[0]?.state.terminated;
    expect(terminated).toMatchObject({ exitCode: 42, reason: 'OOMKilled' });
  });

  it('completes the deletion of a namespace', async () => {
    const extra = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'deleted' });
    await extra.resources.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: extra.name }, data: { a: '1' } });
    await extra.resources.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: extra.name }, spec: podSpec });
    await extra.dispose();
    await eventually(
      () => ns.resources.get({ apiVersion: 'v1', kind: 'Namespace', name: extra.name }),
      (value) => value === undefined,
      { what: 'namespace gone', timeoutMs: 60_000 },
    );
  });
});

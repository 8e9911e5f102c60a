import type { KubeObject } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import { describe, expect, it } from 'vitest';
import { testPlatform } from '../../test/platform-fixture.js';
import { phaseOfObject } from './apply-phase.js';
import { groupByDependencies } from './workload-dependencies.js';

const object = (kind: string, name: string, fields: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace: 'p' }, ...fields });
const statefulSet = (name: string, app: string) => object('StatefulSet', name, { spec: { template: { metadata: { labels: { app } } } } });
const server = (name: string, env: Record<string, string>, configMap?: string) => object('Deployment', name, {
  spec: { template: { spec: { containers: [{ name, env: Object.entries(env).map(([key, value]) => ({ name: key, value })) }], volumes: configMap ? [{ name: 'config', configMap: { name: configMap } }] : [] } } },
});

describe('groupByDependencies', () => {
  it('makes a server wait for the database its env, a ConfigMap it mounts or a Service selecting the database names, and nothing else', () => {
    const stateful = [statefulSet('db', 'db'), statefulSet('store', 'store')];
    const all = [
      ...stateful,
      object('Service', 'db-primary', { spec: { selector: { app: 'db' } } }),
      object('ConfigMap', 'settings', { data: { 'app.yaml': 'storage: http://store:9000' } }),
    ];
    const groups = groupByDependencies(stateful, [server('api', { DB_HOST: 'db-primary.p.svc' }), server('web', {}, 'settings'), server('proxy', { UPSTREAM: 'example.com' }), server('worker', { DB_HOST: 'db-primary' })], all);
    expect(groups.map((group) => [group.needs.map((need) => need.metadata.name), group.objects.map((workload) => workload.metadata.name)])).toEqual([
      [['db'], ['api', 'worker']],
      [['store'], ['web']],
      [[], ['proxy']],
    ]);
  });

  it('on the example platform: the Dagster servers wait for their database and object storage, the collector and the registry for nothing', () => {
    const objects = renderPlatform(testPlatform(undefined, 'deps')).objects as KubeObject[];
    const groups = groupByDependencies(objects.filter((item) => phaseOfObject(item) === 'stateful'), objects.filter((item) => phaseOfObject(item) === 'workloads'), objects);
    const needsOf = (name: string) => groups.find((group) => group.objects.some((workload) => workload.metadata.name === name))?.needs.map((need) => need.metadata.name).sort();
    expect(needsOf('acme-data-dagster-webserver')).toEqual(['acme-data-dagster-postgresql', 'acme-data-minio']);
    expect(needsOf('acme-data-polaris')).toEqual(['acme-data-minio', 'acme-data-polaris-postgresql']);
    expect(needsOf('acme-data-cube-api')).toEqual(expect.arrayContaining(['acme-data-cubestore-router']));
    expect(needsOf('acme-data-otel-collector')).toEqual([]);
    expect(needsOf('acme-data-registry')).toEqual([]);
  });

  it('on the example platform: the setup Jobs, which wait for their servers themselves (MinIO\'s buckets, the catalog and the realm bootstrap), wait for nothing', () => {
    const objects = renderPlatform(testPlatform(undefined, 'deps')).objects as KubeObject[];
    expect(objects.filter((item) => phaseOfObject(item) === 'bootstrap')).toEqual([]);
    const groups = groupByDependencies(objects.filter((item) => phaseOfObject(item) === 'stateful'), objects.filter((item) => phaseOfObject(item) === 'workloads'), objects);
    const needsOfJob = (prefix: string) => groups.find((entry) => entry.objects.some((workload) => workload.kind === 'Job' && workload.metadata.name.startsWith(prefix)))!.needs.map((need) => need.metadata.name);
    expect(needsOfJob('acme-data-polaris-catalog-bootstrap')).toEqual([]);
    expect(needsOfJob('acme-data-minio-buckets')).toEqual([]);
    expect(needsOfJob('acme-data-polaris-bootstrap')).toEqual([]);
    // The servers still wait for their databases.
    expect(groups.find((entry) => entry.objects.some((workload) => workload.metadata.name === 'acme-data-polaris'))!.needs.map((need) => need.metadata.name).sort()).toEqual(['acme-data-minio', 'acme-data-polaris-postgresql']);
  });

  it('honours the annotation in the workloads phase only: a bootstrap-phase Job that says so still waits for its servers', () => {
    const stateful = [statefulSet('store', 'store')];
    const job = (name: string, annotations: Record<string, string>) => object('Job', name, { metadata: { name, namespace: 'p', annotations }, spec: { template: { spec: { containers: [{ name, args: ['http://store:9000'] }] } } } });
    const itself = { 'floe.dev/waits-for-dependencies': 'itself' };
    const groups = groupByDependencies(stateful, [job('buckets', itself), job('plain', {}), job('other-value', { 'floe.dev/waits-for-dependencies': 'yes' })], stateful);
    expect(groups.map((group) => [group.needs.map((need) => need.metadata.name), group.objects.map((workload) => workload.metadata.name)])).toEqual([
      [[], ['buckets']],
      [['store'], ['plain', 'other-value']],
    ]);
    const [late] = groupByDependencies(stateful, [job('late', { ...itself, 'floe.dev/apply-phase': 'bootstrap' })], stateful);
    expect(late!.needs.map((need) => need.metadata.name)).toEqual(['store']);
  });

  it('a bootstrap-phase Job waits for the servers whose Service URLs it calls', () => {
    const servers = [server('api', {}), server('ui', {})];
    const all = [...servers, object('Service', 'api-http', { spec: { selector: { app: 'api' } } })];
    (servers[0]!['spec'] as { template: { metadata?: unknown } }).template.metadata = { labels: { app: 'api' } };
    const setup = object('Job', 'setup', { metadata: { name: 'setup', namespace: 'p', annotations: { 'floe.dev/apply-phase': 'bootstrap' } }, spec: { template: { spec: { containers: [{ name: 'setup', args: ['http://api-http:8080/init'] }] } } } });
    const [group] = groupByDependencies(servers, [setup], [...all, setup]);
    expect(group!.needs.map((need) => need.metadata.name)).toEqual(['api']);
  });
});

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

  it('on the example platform: the catalog bootstrap Job waits for the Polaris server and MinIO, by the URLs it calls', () => {
    const objects = renderPlatform(testPlatform(undefined, 'deps')).objects as KubeObject[];
    const servers = objects.filter((item) => ['stateful', 'workloads'].includes(phaseOfObject(item)) && item.kind !== 'Job');
    const [group] = groupByDependencies(servers, objects.filter((item) => phaseOfObject(item) === 'bootstrap'), objects);
    expect(group!.needs.map((need) => need.metadata.name).sort()).toEqual(['acme-data-minio', 'acme-data-polaris']);
  });
});

import { KubeApiError, type KubeObject, type ListOptions, type ObjectRef, type ResourceClient } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { applySetLabels, applySetParent, refKey } from './apply-set.js';
import { readPlatformObjects } from './read-platform-objects.js';

const parent = applySetParent('acme', 'acme-platform');
const object = (kind: string, name: string, namespace?: string, member = true): KubeObject => ({
  apiVersion: kind === 'Deployment' ? 'apps/v1' : 'v1', kind,
  metadata: { name, ...(namespace ? { namespace } : {}), labels: member ? { [applySetLabels.partOf]: parent.id } : {} },
});
const ref = (live: KubeObject): ObjectRef => ({ apiVersion: live.apiVersion, kind: live.kind, name: live.metadata.name, ...(live.metadata.namespace ? { namespace: live.metadata.namespace } : {}) });

/** A cluster of `objects` that logs each request; kinds in `forbidden` may not be listed. */
function cluster(objects: KubeObject[], forbidden: string[] = []) {
  const requests: string[] = [];
  const resources = {
    list(apiVersion: string, kind: string, options: ListOptions = {}) {
      requests.push(`LIST ${kind} ${options.namespace ?? '-'} ${options.labelSelector ?? ''}`);
      if (forbidden.includes(kind)) return Promise.reject(new KubeApiError(`list ${kind}`, { code: 403, reason: 'Forbidden', message: 'forbidden' }));
      const selected = objects.filter((item) => item.kind === kind && item.metadata.namespace === options.namespace && item.metadata.labels?.[applySetLabels.partOf] === parent.id);
      return Promise.resolve({ items: selected, resourceVersion: '1' });
    },
    get(wanted: ObjectRef) {
      requests.push(`GET ${wanted.kind} ${wanted.name}`);
      return Promise.resolve(objects.find((item) => refKey(ref(item)) === refKey(wanted)));
    },
  } as unknown as ResourceClient;
  return { resources, requests };
}

describe('readPlatformObjects', () => {
  it('reads many objects of a kind and namespace with one LIST by the membership label, and a lone object with a GET', async () => {
    const objects = [object('ConfigMap', 'a', 'ns'), object('ConfigMap', 'b', 'ns'), object('ConfigMap', 'c', 'ns'), object('Namespace', 'ns')];
    const { resources, requests } = cluster(objects);
    const live = await readPlatformObjects(resources, parent, objects.map(ref));
    expect([...live.keys()].sort()).toEqual(objects.map((item) => refKey(ref(item))).sort());
    expect(requests.sort()).toEqual(['GET Namespace ns', `LIST ConfigMap ns ${applySetLabels.partOf}=${parent.id}`]);
  });

  it('reads an object whose membership label was removed by hand with a GET, and leaves out what does not exist', async () => {
    const relabelled = object('ConfigMap', 'b', 'ns', false);
    const { resources, requests } = cluster([object('ConfigMap', 'a', 'ns'), relabelled]);
    const live = await readPlatformObjects(resources, parent, [ref(object('ConfigMap', 'a', 'ns')), ref(relabelled), ref(object('ConfigMap', 'gone', 'ns'))]);
    expect(live.get(refKey(ref(relabelled)))).toBe(relabelled);
    expect(live.has(refKey(ref(object('ConfigMap', 'gone', 'ns'))))).toBe(false);
    expect(requests.filter((request) => request.startsWith('GET')).sort()).toEqual(['GET ConfigMap b', 'GET ConfigMap gone']);
  });

  it('falls back to a GET per object for a kind it may not list', async () => {
    const secrets = [object('Secret', 'a', 'ns'), object('Secret', 'b', 'ns')];
    const { resources } = cluster(secrets, ['Secret']);
    expect((await readPlatformObjects(resources, parent, secrets.map(ref))).size).toBe(2);
  });
});

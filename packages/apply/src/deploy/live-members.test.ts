import { describe, expect, it } from 'vitest';
import type { KubeObject, ResourceClient } from '@floe/kube';
import { applySetParent } from '../inventory/apply-set.js';
import { readLiveMembers } from './live-members.js';

const parent = applySetParent('acme-data', 'floe-platform');
const object = (apiVersion: string, kind: string, namespace: string, name: string): KubeObject => ({ apiVersion, kind, metadata: { name, namespace } });
const desired = [
  object('v1', 'ConfigMap', 'floe-platform', 'settings'),
  object('v1', 'ConfigMap', 'floe-jobs', 'platform-config'),
  object('apps/v1', 'Deployment', 'floe-platform', 'web'),
  object('apps/v1', 'Deployment', 'floe-platform', 'api'),
];

/** Records the LISTs asked for; answers with the live objects of that kind and namespace. */
function listing(live: readonly KubeObject[]) {
  const asked: string[] = [];
  const resources = {
    list: (apiVersion: string, kind: string, options: { namespace?: string; labelSelector?: string }) => {
      asked.push(`${kind} ${options.namespace} ${options.labelSelector}`);
      return Promise.resolve({ items: live.filter((item) => item.apiVersion === apiVersion && item.kind === kind && item.metadata.namespace === options.namespace) });
    },
  } as unknown as ResourceClient;
  return { resources, asked };
}

describe('readLiveMembers', () => {
  it('lists only the kinds and namespaces where the inventory names a member, once each, by the ApplySet label', async () => {
    const { resources, asked } = listing([object('v1', 'ConfigMap', 'floe-platform', 'settings')]);
    // An earlier deploy with a ConfigMap in floe-platform; its Deployments under an older version of their group still count.
    const previous = [{ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'floe-platform', name: 'settings' }, { apiVersion: 'apps/v1beta2', kind: 'Deployment', namespace: 'floe-platform', name: 'web' }];
    const live = await readLiveMembers(resources, parent, desired, previous);
    expect(asked.sort()).toEqual([`ConfigMap floe-platform applyset.kubernetes.io/part-of=${parent.id}`, `Deployment floe-platform applyset.kubernetes.io/part-of=${parent.id}`]);
    expect([...live.keys()]).toEqual(['v1|ConfigMap|floe-platform|settings']);
  });

  it('reads nothing for a first deploy (an empty inventory), and everything without an inventory (a dry run)', async () => {
    const first = listing([]);
    expect((await readLiveMembers(first.resources, parent, desired, [])).size).toBe(0);
    expect(first.asked).toEqual([]);
    const dryRun = listing([]);
    await readLiveMembers(dryRun.resources, parent, desired);
    expect(dryRun.asked).toHaveLength(3);
  });
});

import { refOf, type KubeObject, type ObjectRef, type ResourceClient } from '@floe/kube';
import { applySetLabels, groupKind, refKey, type ApplySetParent } from '../inventory/apply-set.js';

/**
 * The live copies of a deploy's objects that an earlier deploy created (they
 * carry the ApplySet's part-of label), keyed by `refKey`: one LIST per kind
 * and namespace, all at once, before anything is applied. With the
 * inventory's members given (`previous`), only kinds and namespaces where it
 * lists a member are read — the inventory is widened before floe creates
 * anything, so no member of the set exists outside it; a first deploy reads
 * nothing. Without it (a dry run, which does not read the inventory), every
 * kind and namespace of `objects` is read.
 */
export async function readLiveMembers(resources: ResourceClient, parent: ApplySetParent, objects: readonly KubeObject[], previous?: readonly ObjectRef[]): Promise<Map<string, KubeObject>> {
  const scope = (apiVersion: string, kind: string, namespace: string | undefined) => `${groupKind(apiVersion, kind)}|${namespace ?? ''}`;
  const populated = previous ? new Set(previous.map((member) => scope(member.apiVersion, member.kind, member.namespace))) : undefined;
  const groups = new Map<string, { apiVersion: string; kind: string; namespace: string | undefined }>();
  for (const object of objects) {
    const key = scope(object.apiVersion, object.kind, object.metadata.namespace);
    if (populated && !populated.has(key)) continue;
    groups.set(key, { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace });
  }
  const live = new Map<string, KubeObject>();
  await Promise.all([...groups.values()].map(async (group) => {
    // Listing in a namespace that does not exist yet simply finds nothing.
    const list = await resources.list(group.apiVersion, group.kind, { ...(group.namespace ? { namespace: group.namespace } : {}), labelSelector: `${applySetLabels.partOf}=${parent.id}` });
    for (const item of list.items) live.set(refKey(refOf(item)), item);
  }));
  return live;
}

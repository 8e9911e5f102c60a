import { isStatus, type KubeObject, type ObjectRef, type ResourceClient } from '@floe/kube';
import { applySetLabels, refKey, type ApplySetParent } from './apply-set.js';

/**
 * The live state of a platform's objects, keyed by `refKey`: one LIST per
 * kind and namespace, selected by the ApplySet membership label every object
 * floe applies carries, instead of one GET per object (a platform has a
 * hundred or more); the only object of its kind and namespace is read by
 * name, next to the lists. An object the lists miss (its label edited by
 * hand, or a kind the caller may not list) is read with a GET, so the answer
 * is the same as reading each object; objects that do not exist are absent.
 */
export async function readPlatformObjects(resources: ResourceClient, parent: ApplySetParent, refs: readonly ObjectRef[]): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of refs) {
    const group = `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), ref]);
  }
  const live = new Map<string, KubeObject>();
  const missed: ObjectRef[] = [];
  const read = async (ref: ObjectRef) => {
    const object = await resources.get(ref);
    if (object) live.set(refKey(ref), object);
  };
  await Promise.all([...groups.values()].map(async (members) => {
    const [first] = members as [ObjectRef];
    // The only one of its kind and namespace: read by name, next to the lists.
    if (members.length === 1) return read(first);
    try {
      const list = await resources.list(first.apiVersion, first.kind, { labelSelector: `${applySetLabels.partOf}=${parent.id}`, ...(first.namespace ? { namespace: first.namespace } : {}) });
      for (const item of list.items) live.set(refKey({ apiVersion: first.apiVersion, kind: first.kind, name: item.metadata.name, ...(first.namespace ? { namespace: first.namespace } : {}) }), item);
      missed.push(...members.filter((ref) => !live.has(refKey(ref))));
    } catch (error) {
      if (!isStatus(error, 403) && !isStatus(error, 405)) throw error;
      missed.push(...members);
    }
  }));
  await Promise.all(missed.map(read));
  return live;
}

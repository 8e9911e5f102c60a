import type { KubeObject, ObjectRef, ResourceClient } from '@floe/kube';
import { applySetAnnotations, applySetLabels, floePartOfLabel, groupKind, refFromKey, refKey, type ApplySetParent } from './apply-set.js';

const membersKey = 'members';

/** The objects a platform's ApplySet parent lists. */
export interface Inventory {
  readonly parent: ApplySetParent;
  readonly members: readonly ObjectRef[];
}

/** Reads the member list of the parent; empty when there is no parent yet. */
export async function readInventory(resources: ResourceClient, parent: ApplySetParent): Promise<Inventory> {
  const live = await resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: parent.namespace, name: parent.name });
  const text = (live?.['data'] as Record<string, string> | undefined)?.[membersKey];
  const members = text ? (JSON.parse(text) as string[]).map(refFromKey) : [];
  return { parent, members };
}

/**
 * Writes the parent with exactly `members` (sorted, deduplicated): KEP-3659
 * id label, tooling, group-kinds and additional namespaces annotations, and
 * floe's own explicit member list (so prune knows what it created).
 */
export async function writeInventory(resources: ResourceClient, parent: ApplySetParent, members: readonly ObjectRef[], toolingVersion: string): Promise<void> {
  const keys = [...new Set(members.map(refKey))].sort();
  const refs = keys.map(refFromKey);
  const groupKinds = [...new Set(refs.map((ref) => groupKind(ref.apiVersion, ref.kind)))].sort();
  const namespaces = [...new Set(refs.map((ref) => ref.namespace).filter((namespace): namespace is string => Boolean(namespace) && namespace !== parent.namespace))].sort();
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: { [applySetLabels.id]: parent.id, [floePartOfLabel.key]: floePartOfLabel.value, 'app.kubernetes.io/managed-by': 'floe' },
      annotations: {
        [applySetAnnotations.tooling]: `floe/${toolingVersion}`,
        [applySetAnnotations.containsGroupKinds]: groupKinds.join(','),
        ...(namespaces.length > 0 ? { [applySetAnnotations.additionalNamespaces]: namespaces.join(',') } : {}),
      },
    },
    data: { [membersKey]: JSON.stringify(keys) },
  };
  await resources.apply(object, { force: true });
}

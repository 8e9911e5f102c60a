import type { ObjectRef, ResourceClient } from '@floe/kube';
import { generatedCredentialLabel } from '../credentials/ensure-credentials.js';
import { deleteLastDeploy } from '../history/last-deploy.js';
import { deleteRevisions } from '../history/revisions.js';
import { applySetLabels, applySetParent, floePartOfLabel } from '../inventory/apply-set.js';
import { readInventory } from '../inventory/inventory.js';
import { applyPhases, phaseOf } from '../phases/apply-phase.js';

export interface DestroyResult {
  readonly deleted: readonly ObjectRef[];
  /** Kept because they hold data (PVCs, generated credentials, the namespaces holding them). */
  readonly kept: readonly ObjectRef[];
}

const dataKinds = new Set(['PersistentVolumeClaim', 'Namespace']);

/**
 * Removes everything a platform's inventory lists, workloads first. Without
 * `deleteData`, PersistentVolumeClaims, generated credentials and the
 * namespaces that hold them stay (a later deploy picks them up again, same
 * passwords, same data). Only objects that still carry the platform's
 * labels are deleted.
 */
export async function destroyPlatform(resources: ResourceClient, identity: { name: string; namespace: string }, options: { deleteData?: boolean } = {}): Promise<DestroyResult> {
  const parent = applySetParent(identity.name, identity.namespace);
  const inventory = await readInventory(resources, parent);
  const order = [...applyPhases].reverse();
  const members = [...inventory.members].sort((a, b) => order.indexOf(phaseOf(a.kind)) - order.indexOf(phaseOf(b.kind)));
  const deleted: ObjectRef[] = [];
  const kept: ObjectRef[] = [];
  for (const ref of members) {
    if (!options.deleteData && dataKinds.has(ref.kind)) {
      kept.push(ref);
      continue;
    }
    const live = await resources.get(ref);
    if (!live) continue;
    const labels = live.metadata.labels ?? {};
    if (labels[applySetLabels.partOf] !== parent.id || labels[floePartOfLabel.key] !== floePartOfLabel.value) continue;
    if (await resources.delete(ref, { propagationPolicy: 'Foreground' })) deleted.push(ref);
  }
  const namespaces = [...new Set(inventory.members.map((ref) => ref.namespace).filter((namespace): namespace is string => Boolean(namespace)))];
  for (const namespace of namespaces) {
    const secrets = await resources.list('v1', 'Secret', { namespace, labelSelector: `${generatedCredentialLabel}=true,app.kubernetes.io/instance=${identity.name}` });
    for (const secret of secrets.items) {
      const ref = { apiVersion: 'v1', kind: 'Secret', namespace, name: secret.metadata.name };
      if (!options.deleteData) kept.push(ref);
      else if (await resources.delete(ref)) deleted.push(ref);
    }
  }
  await deleteRevisions(resources, identity.name, identity.namespace);
  await deleteLastDeploy(resources, identity.name, identity.namespace);
  await resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: parent.namespace, name: parent.name });
  return { deleted, kept };
}

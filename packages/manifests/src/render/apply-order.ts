import type { KubeObject } from '../kube/kube-object.js';

/**
 * Kinds in the order they can be applied: Namespaces; then what workloads
 * reference (accounts, RBAC, config, policies, volumes, Services); then
 * StatefulSets; then Deployments and Jobs; then what targets workloads.
 */
export const applyOrder = [
  'Namespace',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'NetworkPolicy',
  'PersistentVolumeClaim',
  'Service',
  'StatefulSet',
  'Deployment',
  'Job',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
] as const;

function rank(object: KubeObject): number {
  const index = (applyOrder as readonly string[]).indexOf(object.kind);
  return index < 0 ? applyOrder.length : index;
}

/** `objects` stably sorted into apply order (objects of one kind keep their relative order). */
export function sortForApply(objects: readonly KubeObject[]): KubeObject[] {
  return objects
    .map((object, index) => ({ object, index }))
    .sort((a, b) => rank(a.object) - rank(b.object) || a.index - b.index)
    .map((entry) => entry.object);
}

/**
 * The phases of a deploy, applied in order, objects within a phase in
 * parallel: what everything else needs; what workloads reference; the
 * databases (waited Ready before anything that uses them); the rest of the
 * workloads; what targets workloads.
 */
export const applyPhases = ['namespaces', 'references', 'stateful', 'workloads', 'scaling'] as const;
export type ApplyPhase = (typeof applyPhases)[number];

const phaseByKind: Readonly<Record<string, ApplyPhase>> = {
  Namespace: 'namespaces',
  CustomResourceDefinition: 'namespaces',
  ServiceAccount: 'references',
  Role: 'references',
  ClusterRole: 'references',
  RoleBinding: 'references',
  ClusterRoleBinding: 'references',
  ConfigMap: 'references',
  Secret: 'references',
  NetworkPolicy: 'references',
  PersistentVolumeClaim: 'references',
  Service: 'references',
  StorageClass: 'references',
  ResourceQuota: 'references',
  LimitRange: 'references',
  StatefulSet: 'stateful',
  Deployment: 'workloads',
  DaemonSet: 'workloads',
  Job: 'workloads',
  HorizontalPodAutoscaler: 'scaling',
  PodDisruptionBudget: 'scaling',
};

/** The phase of a kind; kinds floe does not know go with the workloads. */
export function phaseOf(kind: string): ApplyPhase {
  return phaseByKind[kind] ?? 'workloads';
}

/** Objects grouped by phase, in phase order, empty phases left out. */
export function groupByPhase<T extends { readonly kind: string }>(objects: readonly T[]): { phase: ApplyPhase; objects: T[] }[] {
  return applyPhases
    .map((phase) => ({ phase, objects: objects.filter((object) => phaseOf(object.kind) === phase) }))
    .filter((group) => group.objects.length > 0);
}

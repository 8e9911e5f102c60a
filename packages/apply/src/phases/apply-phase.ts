/**
 * The phases of a deploy, applied in order, objects within a phase in
 * parallel: what everything else needs; what workloads reference; the
 * databases (waited Ready before anything that uses them); the rest of the
 * workloads; what targets workloads; last, setup Jobs that talk to a
 * service's API and cannot wait for it themselves, so need it Ready, marked
 * with the `floe.dev/apply-phase: bootstrap` annotation.
 */
export const applyPhases = ['namespaces', 'references', 'stateful', 'workloads', 'scaling', 'bootstrap'] as const;
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

/** The annotation that moves an object to a later phase than its kind's (only `bootstrap` is honoured). */
export const applyPhaseAnnotation = 'floe.dev/apply-phase';

interface PhasedObject {
  readonly kind: string;
  readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> };
}

/** The phase of an object: its kind's, unless annotated for the bootstrap phase. */
export function phaseOfObject(object: PhasedObject): ApplyPhase {
  return object.metadata?.annotations?.[applyPhaseAnnotation] === 'bootstrap' ? 'bootstrap' : phaseOf(object.kind);
}

/** Objects grouped by phase, in phase order, empty phases left out. */
export function groupByPhase<T extends PhasedObject>(objects: readonly T[]): { phase: ApplyPhase; objects: T[] }[] {
  return applyPhases
    .map((phase) => ({ phase, objects: objects.filter((object) => phaseOfObject(object) === phase) }))
    .filter((group) => group.objects.length > 0);
}

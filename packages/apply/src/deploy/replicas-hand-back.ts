import type { KubeObject } from '@floe/kube';

/** Field manager that carries `spec.replicas` across a hand-over (initial replicas of a new colour, replicas taken back from an HPA). */
export const replicasFieldManager = 'floe-blue-green';

/** Managers whose ownership of `spec.replicas` floe may take back: the HPA controller and floe's own replicas manager. */
const releasableManagers = new Set(['kube-controller-manager', replicasFieldManager]);

interface ManagedFieldsEntry {
  readonly manager?: string;
  readonly fieldsV1?: { readonly 'f:spec'?: Readonly<Record<string, unknown>> };
}

const targetKey = (namespace: string | undefined, kind: string, name: string) => `${namespace ?? ''}/${kind}/${name}`;

/** The workloads an HPA of the desired objects scales (namespace/kind/name). */
export function autoscaledTargets(desired: readonly KubeObject[]): Set<string> {
  return new Set(desired.filter((object) => object.kind === 'HorizontalPodAutoscaler').map((hpa) => {
    const target = (hpa['spec'] as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    return targetKey(hpa.metadata.namespace, target.kind, target.name);
  }));
}

/**
 * The replicas floe must take back before applying `desired`: its spec sets
 * them, no desired HPA scales it any more (autoscaling was switched off), and
 * the live object's `spec.replicas` is still owned by the HPA controller or by
 * floe's replicas manager — server-side apply would report a conflict that
 * floe itself caused. A user's `kubectl scale` stays a conflict to report.
 */
export function replicasToTakeBack(desired: KubeObject, live: KubeObject | undefined, autoscaled: ReadonlySet<string>): number | undefined {
  const replicas = (desired['spec'] as { replicas?: number } | undefined)?.replicas;
  if (replicas === undefined || live === undefined) return undefined;
  if (autoscaled.has(targetKey(desired.metadata.namespace, desired.kind, desired.metadata.name))) return undefined;
  const owners = ((live.metadata as { managedFields?: readonly ManagedFieldsEntry[] }).managedFields ?? [])
    .filter((entry) => entry.fieldsV1?.['f:spec']?.['f:replicas'] !== undefined)
    .map((entry) => entry.manager ?? '');
  return owners.some((manager) => releasableManagers.has(manager)) ? replicas : undefined;
}

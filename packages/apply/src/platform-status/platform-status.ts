import { refOf, type KubeObject, type ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { planBlueGreen, readLiveObjects } from '../blue-green/plan.js';
import { revisionColorlessObjects, revisionDrift, type ObjectDrift } from '../drift/revision-drift.js';
import { readLastDeploy, type LastDeploy } from '../history/last-deploy.js';
import { listRevisions } from '../history/revisions.js';
import { applySetParent, refKey } from '../inventory/apply-set.js';
import { readInventory } from '../inventory/inventory.js';
import { readPlatformObjects } from '../inventory/read-platform-objects.js';
import { objectStatus, type ReadinessState } from '../status/object-status.js';
import { currentPods } from '../status/current-pods.js';
import { podProblem } from '../status/pod-problems.js';
import { podRestarts } from '../status/pod-restarts.js';

/** One workload of a deployed platform, as `floe platform status` shows it. */
export interface ServiceStatus {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly component: string;
  readonly version: string;
  /** `ready/desired` replicas. */
  readonly replicas: string;
  readonly state: ReadinessState | 'Missing';
  readonly message: string;
  /** Container restarts across the workload's current pods (a service can be Ready and still crash now and then). */
  readonly restarts: number;
  /** Why a container of those pods last ended before its restart (e.g. `OOMKilled`, `Error (exit 1)`), when one restarted. */
  readonly lastRestartReason?: string;
}

export interface PlatformStatus {
  readonly platform: string;
  /** Something deployed (an inventory with members) and every workload Current. */
  readonly healthy: boolean;
  /** Objects the platform's inventory lists (workloads and everything else). */
  readonly objects: number;
  readonly revision: number | undefined;
  readonly deployedAt: string | undefined;
  readonly services: readonly ServiceStatus[];
  /** Where the cluster differs from the last recorded revision (deleted or hand-edited objects). */
  readonly drift: readonly ObjectDrift[];
  /** How the last deploy ended (a failed one leaves the previous revision serving). */
  readonly lastDeploy: LastDeploy | undefined;
}

const workloadKinds = ['Deployment', 'StatefulSet', 'DaemonSet'];

/**
 * The health of every workload a platform's inventory lists: ready replicas,
 * kstatus state, the reason when not healthy (from the pods: CrashLoopBackOff,
 * image pull errors, ...), the version label, the last revision, the drift
 * of the cluster from that revision and how the last deploy ended.
 */
export async function platformStatus(resources: ResourceClient, platform: Pick<Platform, 'metadata' | 'spec'>): Promise<PlatformStatus> {
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  const [inventory, revisions, lastDeploy] = await Promise.all([
    readInventory(resources, parent),
    listRevisions(resources, platform.metadata.name, platform.spec.namespaces.platform),
    readLastDeploy(resources, platform.metadata.name, platform.spec.namespaces.platform),
  ]);
  const revision = revisions.at(-1);
  const workloads = inventory.members.filter((ref) => workloadKinds.includes(ref.kind));
  const namespaces = [...new Set(workloads.map((ref) => ref.namespace ?? ''))];
  const pods = new Map<string, KubeObject[]>();
  const replicaSets = new Map<string, KubeObject[]>();
  const colorless = revision ? revisionColorlessObjects(revision) : [];
  // One round of reads: the workloads' pods, the revision's blue-green colours, and the workloads and the revision's
  // objects (for drift) — a LIST per kind and namespace, not a GET per object.
  const [blueGreenLive, live] = await Promise.all([
    readLiveObjects(resources, colorless),
    readPlatformObjects(resources, parent, [...workloads, ...colorless.map(refOf)]),
    Promise.all(namespaces.flatMap((namespace) => [
      resources.list('v1', 'Pod', { namespace }).then((list) => pods.set(namespace, list.items)),
      resources.list('apps/v1', 'ReplicaSet', { namespace }).then((list) => replicaSets.set(namespace, list.items)),
    ])),
  ]);
  const desired = planBlueGreen(colorless, blueGreenLive).final;
  // A coloured Deployment the lists did not find (deleted, or its label edited by hand) is read by name.
  const unread = desired.map(refOf).filter((ref) => !live.has(refKey(ref)));
  for (const [key, object] of await readPlatformObjects(resources, parent, unread)) live.set(key, object);
  const services = workloads.map((ref): ServiceStatus => {
    const object = live.get(refKey(ref));
    const base = { kind: ref.kind, name: ref.name, namespace: ref.namespace ?? '' };
    if (!object) return { ...base, component: '', version: '', replicas: '0/0', state: 'Missing', message: 'listed in the inventory but not in the cluster', restarts: 0 };
    const labels = object.metadata.labels ?? {};
    const spec = object['spec'] as { replicas?: number } | undefined;
    const status = object['status'] as { readyReplicas?: number } | undefined;
    let readiness = objectStatus(object);
    const ownPods = currentPods(object, pods.get(ref.namespace ?? '') ?? [], replicaSets.get(ref.namespace ?? '') ?? []) ?? [];
    const restarts = podRestarts(ownPods);
    if (readiness.state !== 'Current') {
      const problem = ownPods
        .map((pod) => podProblem(pod))
        .find((found) => found !== undefined);
      if (problem) readiness = { state: 'Failed', message: problem };
    }
    return {
      ...base,
      component: labels['app.kubernetes.io/component'] ?? labels['app.kubernetes.io/name'] ?? '',
      version: labels['app.kubernetes.io/version'] ?? '',
      replicas: `${status?.readyReplicas ?? 0}/${spec?.replicas ?? 1}`,
      state: readiness.state,
      message: readiness.message,
      ...restarts,
    };
  });
  return {
    platform: platform.metadata.name,
    // A platform may have no workload at all (only the jobs layer's namespaces, config, RBAC and policies).
    healthy: inventory.members.length > 0 && services.every((service) => service.state === 'Current'),
    objects: inventory.members.length,
    revision: revision?.number,
    deployedAt: revision?.deployedAt,
    services,
    drift: revision ? await revisionDrift(resources, revision, { desired, live }) : [],
    lastDeploy,
  };
}

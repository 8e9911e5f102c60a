import { objectKey, refOf, type KubeObject, type ObjectRef, type ResourceClient, type WatchHub, type WatchTarget } from '@floe/kube';
import { objectStatus, type ObjectStatus } from '../status/object-status.js';
import { currentPods } from '../status/current-pods.js';
import { podProblem } from '../status/pod-problems.js';
import { ChangeSignal } from './change-signal.js';

/** How waiting ended for one object. */
export interface WaitOutcome {
  readonly ref: ObjectRef;
  readonly status: ObjectStatus;
}

export interface WaitOptions {
  /** Absolute deadline (ms since epoch). */
  readonly deadline: number;
  /**
   * The generation each object had right after floe applied it (by `namespace/name` key
   * per kind): an older cached copy means the watch has not delivered the update yet.
   */
  readonly appliedGenerations?: ReadonlyMap<string, number>;
  /** Told whenever an object's state or message changes. */
  readonly onUpdate?: (ref: ObjectRef, status: ObjectStatus) => void;
  /** Stops waiting (the outcomes as they are then) when aborted. */
  readonly signal?: AbortSignal;
}


/**
 * Waits for objects to become ready by watching them (never polling), with
 * kstatus rules per kind and fail-fast on the workloads' pods: a pod in
 * CrashLoopBackOff, ImagePullBackOff, CreateContainerConfigError,
 * Unschedulable or failed ends the wait at once with that reason. Resolves
 * when all are Current, one Failed, or the deadline passed (the rest then
 * reported InProgress with what they wait for).
 */
export async function waitForReady(resources: ResourceClient, hub: WatchHub, objects: readonly KubeObject[], options: WaitOptions): Promise<WaitOutcome[]> {
  if (objects.length === 0) return [];
  const caches = new Map<string, Map<string, KubeObject>>();
  const targets: WatchTarget[] = [];
  const unsubscribes: (() => Promise<void>)[] = [];
  const changed = new ChangeSignal();
  const subscribe = async (apiVersion: string, kind: string, namespace: string | undefined) => {
    const key = `${apiVersion}|${kind}|${namespace ?? ''}`;
    if (caches.has(key)) return;
    const cache = new Map<string, KubeObject>();
    caches.set(key, cache);
    const target = { apiVersion, kind, ...(namespace ? { namespace } : {}) };
    targets.push(target);
    unsubscribes.push(await hub.subscribe(target, (event) => {
      if (event.type === 'DELETED') cache.delete(objectKey(event.object));
      else cache.set(objectKey(event.object), event.object);
      changed.notify();
    }));
  };
  const storageClassBinding = new Map<string, string>();
  try {
    // Open every watch (and read every StorageClass) at once; subscribe() dedupes synchronously.
    const opening: Promise<void>[] = [];
    for (const object of objects) {
      opening.push(subscribe(object.apiVersion, object.kind, object.metadata.namespace));
      if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(object.kind)) opening.push(subscribe('v1', 'Pod', object.metadata.namespace));
      if (object.kind === 'Deployment') opening.push(subscribe('apps/v1', 'ReplicaSet', object.metadata.namespace));
      const className = object.kind === 'PersistentVolumeClaim' ? (object['spec'] as { storageClassName?: string } | undefined)?.storageClassName : undefined;
      if (className && !storageClassBinding.has(className)) {
        storageClassBinding.set(className, 'Immediate');
        opening.push(resources.get({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', name: className }).then((storageClass) => {
          const mode = storageClass?.['volumeBindingMode'];
          storageClassBinding.set(className, typeof mode === 'string' ? mode : 'Immediate');
        }));
      }
    }
    await Promise.all(opening);
    const last = new Map<string, string>();
    for (;;) {
      const outcomes = objects.map((desired): WaitOutcome => {
        const ref = refOf(desired);
        const live = caches.get(`${desired.apiVersion}|${desired.kind}|${desired.metadata.namespace ?? ''}`)?.get(objectKey(desired));
        if (!live) return { ref, status: { state: 'InProgress', message: 'not found yet' } };
        const applied = options.appliedGenerations?.get(`${desired.kind}/${objectKey(desired)}`);
        if (applied !== undefined && (live.metadata.generation ?? 0) < applied) return { ref, status: { state: 'InProgress', message: `waiting to observe generation ${applied}` } };
        const className = (live['spec'] as { storageClassName?: string } | undefined)?.storageClassName;
        let status = objectStatus(live, { bindsOnFirstConsumer: className !== undefined && storageClassBinding.get(className) === 'WaitForFirstConsumer' });
        if (status.state === 'InProgress' && ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(live.kind)) {
          const namespace = live.metadata.namespace ?? '';
          const pods = currentPods(live, [...(caches.get(`v1|Pod|${namespace}`)?.values() ?? [])], [...(caches.get(`apps/v1|ReplicaSet|${namespace}`)?.values() ?? [])]) ?? [];
          const problem = pods.map((pod) => podProblem(pod)).find((found) => found !== undefined);
          if (problem) status = { state: 'Failed', message: problem };
        }
        return { ref, status };
      });
      for (const outcome of outcomes) {
        const key = `${outcome.ref.kind}/${outcome.ref.namespace ?? ''}/${outcome.ref.name}`;
        const text = `${outcome.status.state}:${outcome.status.message}`;
        if (last.get(key) !== text) {
          last.set(key, text);
          options.onUpdate?.(outcome.ref, outcome.status);
        }
      }
      if (outcomes.every((outcome) => outcome.status.state === 'Current') || outcomes.some((outcome) => outcome.status.state === 'Failed') || Date.now() >= options.deadline || options.signal?.aborted) {
        return outcomes;
      }
      // Watched only from here: when the first lists show everything ready, no watch is opened (a hub with `followOnDemand`).
      for (const target of targets) hub.follow(target);
      await changed.next(options.deadline);
    }
  } finally {
    await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
  }
}

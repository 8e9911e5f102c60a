import type { KubeObject } from '@floe/kube';

/** kstatus's vocabulary: Current (ready), InProgress (not yet), Failed (will not get there by waiting). */
export type ReadinessState = 'Current' | 'InProgress' | 'Failed';

export interface ObjectStatus {
  readonly state: ReadinessState;
  /** What it waits for, or why it failed. */
  readonly message: string;
}

interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

type Status = Record<string, unknown> & { conditions?: Condition[]; observedGeneration?: number };

const current = (message: string): ObjectStatus => ({ state: 'Current', message });
const inProgress = (message: string): ObjectStatus => ({ state: 'InProgress', message });
const failed = (message: string): ObjectStatus => ({ state: 'Failed', message });

function condition(status: Status, type: string): Condition | undefined {
  return status.conditions?.find((candidate) => candidate.type === type);
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function deploymentStatus(object: KubeObject, status: Status): ObjectStatus {
  const spec = object['spec'] as { replicas?: number } | undefined;
  const replicas = spec?.replicas ?? 1;
  const progressing = condition(status, 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return failed(`ProgressDeadlineExceeded: ${progressing.message ?? 'rollout did not progress'}`);
  if (num(status['updatedReplicas']) < replicas) return inProgress(`${num(status['updatedReplicas'])}/${replicas} replicas updated`);
  if (num(status['replicas']) > num(status['updatedReplicas'])) return inProgress(`${num(status['replicas']) - num(status['updatedReplicas'])} old replicas pending termination`);
  if (num(status['availableReplicas']) < replicas) return inProgress(`${num(status['availableReplicas'])}/${replicas} replicas available`);
  if (condition(status, 'Available')?.status === 'False') return inProgress('Deployment not Available');
  return current(`${replicas}/${replicas} replicas ready`);
}

function statefulSetStatus(object: KubeObject, status: Status): ObjectStatus {
  const spec = object['spec'] as { replicas?: number; updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } } } | undefined;
  const replicas = spec?.replicas ?? 1;
  if (num(status['readyReplicas']) < replicas) return inProgress(`${num(status['readyReplicas'])}/${replicas} replicas ready`);
  if ((spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const partition = spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    if (num(status['updatedReplicas']) < replicas - partition) return inProgress(`${num(status['updatedReplicas'])}/${replicas - partition} replicas updated`);
    if (partition === 0 && status['currentRevision'] !== status['updateRevision']) return inProgress('rolling update in progress');
  }
  return current(`${replicas}/${replicas} replicas ready`);
}

function jobStatus(status: Status): ObjectStatus {
  const done = condition(status, 'Complete') ?? condition(status, 'SuccessCriteriaMet');
  if (done?.status === 'True') return current('completed');
  const failedCondition = condition(status, 'Failed') ?? condition(status, 'FailureTarget');
  if (failedCondition?.status === 'True') return failed(`Job failed: ${failedCondition.reason ?? ''} ${failedCondition.message ?? ''}`.trim());
  return inProgress(`${num(status['active'])} active, ${num(status['succeeded'])} succeeded`);
}

function daemonSetStatus(status: Status): ObjectStatus {
  const desired = num(status['desiredNumberScheduled']);
  if (num(status['updatedNumberScheduled']) < desired) return inProgress(`${num(status['updatedNumberScheduled'])}/${desired} updated`);
  if (num(status['numberAvailable']) < desired) return inProgress(`${num(status['numberAvailable'])}/${desired} available`);
  return current(`${desired}/${desired} available`);
}

/**
 * Readiness of one live object, following kstatus: a controller that has
 * not observed the latest generation is InProgress; then per-kind rules.
 * `bindsOnFirstConsumer` says whether a PVC's StorageClass waits for a pod
 * (then a Pending claim counts as ready: waiting on it would deadlock).
 */
export function objectStatus(object: KubeObject, options: { bindsOnFirstConsumer?: boolean } = {}): ObjectStatus {
  const status = (object['status'] ?? {}) as Status;
  const generation = object.metadata.generation;
  // Jobs carry no status.observedGeneration; their conditions say everything.
  const hasController = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(object.kind);
  if (hasController && generation !== undefined && (status.observedGeneration ?? 0) < generation) {
    return inProgress(`waiting for the controller to observe generation ${generation}`);
  }
  switch (object.kind) {
    case 'Deployment':
      return deploymentStatus(object, status);
    case 'StatefulSet':
      return statefulSetStatus(object, status);
    case 'DaemonSet':
      return daemonSetStatus(status);
    case 'Job':
      return jobStatus(status);
    case 'PersistentVolumeClaim':
      if (status['phase'] === 'Bound') return current('Bound');
      if (status['phase'] === 'Lost') return failed('claim Lost its volume');
      return options.bindsOnFirstConsumer ? current('Pending until a pod uses it (WaitForFirstConsumer)') : inProgress('waiting to be Bound');
    case 'Pod': {
      if (status['phase'] === 'Succeeded') return current('Succeeded');
      if (status['phase'] === 'Failed') return failed('pod Failed');
      return condition(status, 'Ready')?.status === 'True' ? current('Ready') : inProgress('pod not Ready');
    }
    default: {
      const stalled = condition(status, 'Stalled');
      if (stalled?.status === 'True') return failed(stalled.message ?? 'Stalled');
      if (condition(status, 'Reconciling')?.status === 'True') return inProgress('Reconciling');
      const ready = condition(status, 'Ready');
      if (ready?.status === 'False') return inProgress(ready.message ?? 'not Ready');
      return current('exists');
    }
  }
}

/** Kinds whose readiness needs waiting for (everything else is ready once applied). */
export function needsWaiting(kind: string): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'PersistentVolumeClaim'].includes(kind);
}

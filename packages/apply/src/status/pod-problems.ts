import type { KubeObject } from '@floe/kube';

/** Waiting reasons that will not resolve by waiting longer. */
const fatalWaitingReasons = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'CreateContainerConfigError', 'CreateContainerError', 'RunContainerError']);

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { exitCode?: number; reason?: string; message?: string } };
  lastState?: { terminated?: { exitCode?: number; reason?: string } };
}

interface PodStatus {
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[];
  containerStatuses?: ContainerStatus[];
  initContainerStatuses?: ContainerStatus[];
}

/** How long a pod may stay Unschedulable before that counts as a failure (the cluster may be scaling up). */
export const unschedulableGraceMs = 30_000;

/**
 * Why a workload's pod will not become ready, if it is one of the failures
 * waiting cannot fix: CrashLoopBackOff, image pull errors, configuration
 * errors (missing ConfigMap/Secret keys), Unschedulable for longer than
 * `unschedulableGraceMs` (not while claims bind), a container that
 * exited with an error, eviction. Undefined when the pod may still make it.
 */
export function podProblem(pod: KubeObject, now = Date.now()): string | undefined {
  const status = (pod['status'] ?? {}) as PodStatus;
  const name = pod.metadata.name;
  const scheduled = status.conditions?.find((condition) => condition.type === 'PodScheduled');
  // Unschedulable is transient while claims bind or nodes are added: fatal only once it has lasted.
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable' && !(scheduled.message ?? '').includes('unbound immediate PersistentVolumeClaims')) {
    const since = Date.parse(scheduled.lastTransitionTime ?? '');
    if (Number.isFinite(since) && now - since >= unschedulableGraceMs) return `pod ${name} is Unschedulable: ${scheduled.message ?? ''}`.trim();
  }
  if (status.phase === 'Failed') {
    if (status.reason === 'Evicted') return `pod ${name} was Evicted: ${status.message ?? ''}`.trim();
  }
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const waiting = container.state?.waiting;
    if (waiting?.reason && fatalWaitingReasons.has(waiting.reason)) {
      const last = container.lastState?.terminated;
      const lastExit = last ? ` (last exit code ${last.exitCode ?? '?'}${last.reason ? `, ${last.reason}` : ''})` : '';
      return `container ${container.name} of pod ${name}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}${lastExit}`;
    }
    const terminated = container.state?.terminated;
    if (terminated && (terminated.exitCode ?? 0) !== 0 && status.phase === 'Failed') {
      return `container ${container.name} of pod ${name} exited with code ${terminated.exitCode ?? '?'} (${terminated.reason ?? 'Error'})${terminated.message ? `: ${terminated.message}` : ''}`;
    }
  }
  return undefined;
}

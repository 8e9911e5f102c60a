import type { KubeObject } from '@floe/kube';

interface ContainerStatus {
  restartCount?: number;
  lastState?: { terminated?: { reason?: string; exitCode?: number; finishedAt?: string } };
}

/**
 * Container restarts across `pods`, and why the most recent restart's
 * container ended (`OOMKilled`, `Error (exit 1)`, ...): a service can be
 * Ready and still crash now and then, which readiness alone hides.
 */
export function podRestarts(pods: readonly KubeObject[]): { restarts: number; lastRestartReason?: string } {
  let restarts = 0;
  let last: { at: string; reason: string } | undefined;
  for (const pod of pods) {
    const status = pod['status'] as { containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] } | undefined;
    for (const container of [...(status?.initContainerStatuses ?? []), ...(status?.containerStatuses ?? [])]) {
      restarts += container.restartCount ?? 0;
      const ended = container.lastState?.terminated;
      if (!ended || (container.restartCount ?? 0) === 0) continue;
      const at = ended.finishedAt ?? '';
      const reason = ended.reason === 'Error' || ended.reason === undefined ? `${ended.reason ?? 'terminated'} (exit ${ended.exitCode ?? '?'})` : ended.reason;
      if (!last || at > last.at) last = { at, reason };
    }
  }
  return last ? { restarts, lastRestartReason: last.reason } : { restarts };
}

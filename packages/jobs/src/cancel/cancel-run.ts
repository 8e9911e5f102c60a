import { setTimeout as sleep } from 'node:timers/promises';
import type { ResourceClient } from '@floe/kube';
import { jobAnnotations } from '../attempt/job-annotations.js';
import { runSelector } from '../attempt/identity-of-job.js';
import { trueCondition, type JobObject, type PodObject } from '../attempt/kube-shapes.js';
import { jobNameOfPod } from '../track/job-name-of-pod.js';

export interface CancelResult {
  /** Jobs that were still running and are now deleted. */
  readonly cancelled: readonly string[];
  /** Pods of those Jobs still present when the wait ended (empty when confirmed). */
  readonly remainingPods: readonly string[];
  readonly confirmed: boolean;
}

function finished(job: JobObject): boolean {
  return trueCondition(job.status?.conditions, 'Complete', 'SuccessCriteriaMet', 'Failed') !== undefined || job.metadata.annotations?.[jobAnnotations.result] !== undefined;
}

/**
 * Cancels a run: marks each unfinished Job of the run as cancelled (so
 * watchers report Cancelled, not Lost), deletes it with Foreground
 * propagation (its pods get SIGTERM and their grace period), then waits
 * until no pod of those Jobs remains, at most `timeoutMs`. Finished
 * attempts are left alone (they are the run's history).
 */
export async function cancelRun(resources: ResourceClient, namespace: string, runId: string, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<CancelResult> {
  const selector = runSelector(runId);
  const jobs = await resources.list<JobObject>('batch/v1', 'Job', { namespace, labelSelector: selector });
  const targets = jobs.items.filter((job) => !finished(job) && !job.metadata.deletionTimestamp);
  const at = new Date().toISOString();
  for (const job of targets) {
    await resources.apply({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: job.metadata.name, namespace, annotations: { [jobAnnotations.cancelledAt]: at } } }, { fieldManager: 'floe-jobs', force: true });
    await resources.delete({ apiVersion: 'batch/v1', kind: 'Job', namespace, name: job.metadata.name }, { propagationPolicy: 'Foreground' });
  }
  const names = new Set(targets.map((job) => job.metadata.name));
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    const pods = names.size === 0 ? [] : (await resources.list<PodObject>('v1', 'Pod', { namespace, labelSelector: selector })).items.filter((pod) => names.has(jobNameOfPod(pod) ?? ''));
    const remainingPods = pods.map((pod) => pod.metadata.name);
    if (remainingPods.length === 0) return { cancelled: [...names], remainingPods, confirmed: true };
    if (Date.now() > deadline) return { cancelled: [...names], remainingPods, confirmed: false };
    await sleep(options.pollMs ?? 250);
  }
}

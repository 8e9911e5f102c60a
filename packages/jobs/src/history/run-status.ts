import type { ResourceClient } from '@floe/kube';
import type { AttemptIdentity, AttemptOutcome } from '../attempt/attempt-result.js';
import { identityOfJob, runSelector } from '../attempt/identity-of-job.js';
import { timeOf, type EventObject, type JobObject, type PodObject } from '../attempt/kube-shapes.js';
import { classifyAttempt } from '../classify/classify-attempt.js';
import type { WaitBounds } from '../classify/wait-bounds.js';
import { jobNameOfPod } from '../track/job-name-of-pod.js';

/** One attempt as the cluster shows it now. */
export interface AttemptStatus extends AttemptIdentity {
  readonly state: 'Succeeded' | 'Failed' | 'Running';
  readonly outcome?: AttemptOutcome;
  /** For a running attempt: what it waits for. */
  readonly waitingFor?: string;
}

export type RunState = 'Succeeded' | 'Failed' | 'Running' | 'NotFound';

export interface RunStatus {
  readonly runId: string;
  readonly namespace: string;
  readonly state: RunState;
  readonly attempts: readonly AttemptStatus[];
}

/**
 * A run's state from one list each of its Jobs, pods and warning Events,
 * classified exactly as the tracker would. The run has failed when the
 * latest attempt of some step failed; it runs while any attempt runs.
 */
export async function runStatus(resources: ResourceClient, namespace: string, runId: string, bounds: WaitBounds): Promise<RunStatus> {
  const selector = runSelector(runId);
  const [jobs, pods, events] = await Promise.all([
    resources.list<JobObject>('batch/v1', 'Job', { namespace, labelSelector: selector }),
    resources.list<PodObject>('v1', 'Pod', { namespace, labelSelector: selector }),
    resources.list<EventObject>('v1', 'Event', { namespace, fieldSelector: 'type=Warning' }),
  ]);
  const now = Date.now();
  const attempts = jobs.items.map((job): AttemptStatus => {
    const name = job.metadata.name;
    const verdict = classifyAttempt({
      job,
      jobDeleted: false,
      pods: pods.items.filter((pod) => jobNameOfPod(pod) === name),
      jobEvents: events.items.filter((event) => event.involvedObject?.kind === 'Job' && event.involvedObject.name === name),
      submittedAt: timeOf(job.metadata.creationTimestamp) ?? now,
      now,
    }, bounds);
    const identity = identityOfJob(job);
    return verdict.done ? { ...identity, state: verdict.outcome.status, outcome: verdict.outcome } : { ...identity, state: 'Running', waitingFor: verdict.waitingFor };
  }).sort((a, b) => a.step.localeCompare(b.step) || a.attempt - b.attempt);
  return { runId, namespace, state: runState(attempts), attempts };
}

/** Running if any attempt runs; Failed if the latest attempt of any step failed; else Succeeded. */
export function runState(attempts: readonly Pick<AttemptStatus, 'step' | 'attempt' | 'state'>[]): RunState {
  if (attempts.length === 0) return 'NotFound';
  if (attempts.some((attempt) => attempt.state === 'Running')) return 'Running';
  const latest = new Map<string, Pick<AttemptStatus, 'attempt' | 'state'>>();
  for (const attempt of attempts) if ((latest.get(attempt.step)?.attempt ?? 0) < attempt.attempt) latest.set(attempt.step, attempt);
  return [...latest.values()].some((attempt) => attempt.state === 'Failed') ? 'Failed' : 'Succeeded';
}

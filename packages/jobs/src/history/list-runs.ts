import { pipelineLabels } from '@floe/manifests';
import type { ResourceClient } from '@floe/kube';
import { identityOfJob } from '../attempt/identity-of-job.js';
import { jobAnnotations } from '../attempt/job-annotations.js';
import { timeOf, trueCondition, type JobObject } from '../attempt/kube-shapes.js';
import { pipelineSelector } from '../track/job-tracker.js';
import { runState, type RunState } from './run-status.js';

/** One attempt in the history, from its Job alone. */
export interface AttemptRecord {
  readonly step: string;
  readonly attempt: number;
  readonly jobName: string;
  readonly state: 'Succeeded' | 'Failed' | 'Running';
  /** Job condition reason or the runner's recorded class, for failed attempts. */
  readonly reason?: string;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly durationMs?: number;
}

export interface RunRecord {
  readonly runId: string;
  readonly pipeline: string;
  readonly state: RunState;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly attempts: readonly AttemptRecord[];
}

function attemptRecord(job: JobObject): AttemptRecord {
  const identity = identityOfJob(job);
  const annotations = job.metadata.annotations ?? {};
  const complete = trueCondition(job.status?.conditions, 'Complete', 'SuccessCriteriaMet');
  const failed = trueCondition(job.status?.conditions, 'Failed');
  const recorded = annotations[jobAnnotations.result];
  const cancelled = annotations[jobAnnotations.cancelledAt];
  const state = complete ? 'Succeeded' : failed || recorded || cancelled ? 'Failed' : 'Running';
  const reason = cancelled ? 'Cancelled' : recorded ? (JSON.parse(recorded) as { class?: string }).class : failed?.reason;
  const startedAt = job.status?.startTime ?? job.metadata.creationTimestamp;
  const finishedAt = job.status?.completionTime ?? failed?.lastTransitionTime;
  const start = timeOf(startedAt);
  const end = timeOf(finishedAt);
  return {
    step: identity.step, attempt: identity.attempt, jobName: identity.jobName, state,
    ...(state === 'Failed' && reason ? { reason } : {}),
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(start !== undefined && end !== undefined ? { durationMs: end - start } : {}),
  };
}

/**
 * Recent runs from the cluster alone (no database): the pipeline Jobs still
 * present (they live for the platform's ttlSecondsAfterFinished), grouped
 * by run id, newest first.
 */
export async function listRuns(resources: ResourceClient, namespace: string, options: { pipeline?: string; limit?: number } = {}): Promise<RunRecord[]> {
  const labelSelector = options.pipeline ? `${pipelineSelector},${pipelineLabels.pipeline}=${options.pipeline}` : pipelineSelector;
  const jobs = await resources.list<JobObject>('batch/v1', 'Job', { namespace, labelSelector });
  const runs = new Map<string, JobObject[]>();
  for (const job of jobs.items) {
    const runId = identityOfJob(job).runId;
    runs.set(runId, [...(runs.get(runId) ?? []), job]);
  }
  const records = [...runs].map(([runId, runJobs]): RunRecord => {
    const attempts = runJobs.map(attemptRecord).sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.step.localeCompare(b.step) || a.attempt - b.attempt);
    const starts = attempts.flatMap((attempt) => timeOf(attempt.startedAt) ?? []);
    const ends = attempts.flatMap((attempt) => timeOf(attempt.finishedAt) ?? []);
    const state = runState(attempts);
    const first = starts.length > 0 ? Math.min(...starts) : undefined;
    const last = ends.length > 0 && state !== 'Running' ? Math.max(...ends) : undefined;
    return {
      runId,
      pipeline: identityOfJob(runJobs[0]!).pipeline,
      state,
      ...(first !== undefined ? { startedAt: new Date(first).toISOString() } : {}),
      ...(first !== undefined && last !== undefined ? { durationMs: last - first } : {}),
      attempts,
    };
  });
  return records.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '')).slice(0, options.limit ?? 20);
}

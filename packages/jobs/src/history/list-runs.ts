import { pipelineLabels } from '@floe/manifests';
import { isStatus, type ResourceClient } from '@floe/kube';
import { identityOfJob } from '../attempt/identity-of-job.js';
import { jobAnnotations } from '../attempt/job-annotations.js';
import { timeOf, trueCondition, type JobObject } from '../attempt/kube-shapes.js';
import type { AttemptReport } from '../report/attempt-report.js';
import { listNamespaceReports } from '../report/report-store.js';
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

/** An attempt whose Job is gone (past its TTL), from its report. */
function reportedAttemptRecord(report: AttemptReport): AttemptRecord {
  return {
    step: report.step, attempt: report.attempt, jobName: report.jobName, state: report.status,
    ...(report.failure ? { reason: report.failure.class } : {}),
    ...(report.startedAt ?? report.createdAt ? { startedAt: report.startedAt ?? report.createdAt } : {}),
    finishedAt: report.finishedAt,
    ...(report.durationMs !== undefined ? { durationMs: report.durationMs } : {}),
  };
}

/**
 * Recent runs from the cluster alone (no database): the pipeline Jobs still
 * present (they live for the platform's ttlSecondsAfterFinished) and the
 * attempt reports that outlive them (`jobs.historySeconds`), grouped by run
 * id, newest first. Without read access to ConfigMaps, Jobs only.
 */
export async function listRuns(resources: ResourceClient, namespace: string, options: { pipeline?: string; limit?: number } = {}): Promise<RunRecord[]> {
  const labelSelector = options.pipeline ? `${pipelineSelector},${pipelineLabels.pipeline}=${options.pipeline}` : pipelineSelector;
  const [jobs, reports] = await Promise.all([
    resources.list<JobObject>('batch/v1', 'Job', { namespace, labelSelector }),
    listNamespaceReports(resources, namespace, options.pipeline).catch((error: unknown) => {
      if (isStatus(error, 403)) return [];
      throw error;
    }),
  ]);
  const runs = new Map<string, { pipeline: string; attempts: AttemptRecord[] }>();
  const add = (runId: string, pipeline: string, attempt: AttemptRecord) => {
    const run = runs.get(runId) ?? { pipeline, attempts: [] };
    run.attempts.push(attempt);
    runs.set(runId, run);
  };
  const jobNames = new Set(jobs.items.map((job) => job.metadata.name));
  for (const job of jobs.items) add(identityOfJob(job).runId, identityOfJob(job).pipeline, attemptRecord(job));
  for (const report of reports) if (!jobNames.has(report.jobName)) add(report.runId, report.pipeline, reportedAttemptRecord(report));
  const records = [...runs].map(([runId, run]): RunRecord => {
    const attempts = run.attempts.sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? '') || a.step.localeCompare(b.step) || a.attempt - b.attempt);
    const starts = attempts.flatMap((attempt) => timeOf(attempt.startedAt) ?? []);
    const ends = attempts.flatMap((attempt) => timeOf(attempt.finishedAt) ?? []);
    const state = runState(attempts);
    const first = starts.length > 0 ? Math.min(...starts) : undefined;
    const last = ends.length > 0 && state !== 'Running' ? Math.max(...ends) : undefined;
    return {
      runId,
      pipeline: run.pipeline,
      state,
      ...(first !== undefined ? { startedAt: new Date(first).toISOString() } : {}),
      ...(first !== undefined && last !== undefined ? { durationMs: last - first } : {}),
      attempts,
    };
  });
  return records.sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '')).slice(0, options.limit ?? 20);
}

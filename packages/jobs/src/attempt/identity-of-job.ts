import { pipelineLabels, runIdAnnotation } from '@floe/manifests';
import type { AttemptIdentity } from './attempt-result.js';
import type { JobObject } from './kube-shapes.js';

/** Which attempt a Job is, from its labels and run-id annotation. */
export function identityOfJob(job: JobObject): AttemptIdentity {
  const labels = job.metadata.labels ?? {};
  return {
    namespace: job.metadata.namespace ?? '',
    jobName: job.metadata.name,
    pipeline: labels[pipelineLabels.pipeline] ?? '',
    step: labels[pipelineLabels.step] ?? '',
    runId: job.metadata.annotations?.[runIdAnnotation] ?? labels[pipelineLabels.runId] ?? '',
    attempt: Number(labels[pipelineLabels.attempt] ?? '0'),
  };
}

/** Label selector of the Jobs and pods of one run (run ids are label-safe, see `assertRunId`). */
export function runSelector(runId: string, extra: Readonly<Record<string, string | undefined>> = {}): string {
  const parts = [`${pipelineLabels.layer}=pipeline`, `${pipelineLabels.runId}=${runId}`];
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) parts.push(`${key}=${value}`);
  return parts.join(',');
}

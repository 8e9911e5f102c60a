import { renderPipelineJob } from '@floe/manifests';
import type { Pipeline, Platform, Step } from '@floe/spec';
import type { JobObject } from '../attempt/kube-shapes.js';
import { ownerReferenceToPod, type OwnerPod } from './owner-pod.js';
import { runTraceparent } from './traceparent.js';

/** What to run: one step of a pipeline on a platform. */
export interface StepTarget {
  readonly platform: Platform;
  readonly pipeline: Pipeline;
  readonly step: Step;
}

export interface AttemptJobOptions {
  readonly runId: string;
  readonly attempt: number;
  /** W3C trace context to continue; default: derived from the run id (`runTraceparent`). */
  readonly traceparent?: string;
  /** Extra pod labels/annotations (e.g. cost allocation, or kwok fault injection in tests); floe's own keys always win. */
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly podAnnotations?: Readonly<Record<string, string>>;
  /** The pod that started the attempt (a run worker): the Job is deleted with it (see owner-pod.ts). */
  readonly ownerPod?: OwnerPod;
}

/** The Job of one attempt: the one pod template from `renderPipelineJob`, plus the run's trace context and any extra pod metadata. */
export function buildAttemptJob(target: StepTarget, options: AttemptJobOptions): JobObject {
  const job = renderPipelineJob({
    platform: target.platform,
    pipeline: target.pipeline,
    step: target.step,
    runId: options.runId,
    attempt: options.attempt,
    traceparent: options.traceparent ?? runTraceparent(options.runId, target.step.name, options.attempt),
  }) as JobObject;
  if (options.ownerPod) job.metadata.ownerReferences = [ownerReferenceToPod(options.ownerPod, job.metadata.namespace!)];
  if (!options.podLabels && !options.podAnnotations) return job;
  const spec = job.spec as { template: { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } } };
  const metadata = spec.template.metadata;
  metadata.labels = { ...options.podLabels, ...metadata.labels };
  metadata.annotations = { ...options.podAnnotations, ...metadata.annotations };
  return job;
}

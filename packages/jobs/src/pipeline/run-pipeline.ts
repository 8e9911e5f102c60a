import type { Pipeline, Step } from '@floe/spec';
import type { AttemptResult } from '../attempt/attempt-result.js';
import type { RetryOutcome } from '../retry/run-with-retries.js';

export type StepStatus = 'Succeeded' | 'Failed' | 'Skipped';

export interface StepSummary {
  readonly step: string;
  readonly status: StepStatus;
  readonly attempts: readonly AttemptResult[];
  /** For skipped steps: the failed step(s) upstream that caused it. */
  readonly skippedBecause?: readonly string[];
}

/** The outcome of a whole pipeline run. */
export interface PipelineRunSummary {
  readonly runId: string;
  readonly pipeline: string;
  readonly status: 'Succeeded' | 'Failed';
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly steps: readonly StepSummary[];
  readonly counts: Readonly<Record<StepStatus, number>>;
}

/** Progress of a pipeline run, for live display. */
export type PipelineProgress =
  | { readonly type: 'step-started'; readonly step: string }
  | { readonly type: 'attempt-finished'; readonly step: string; readonly result: AttemptResult; readonly nextAttempt?: { readonly attempt: number; readonly delayMs: number } }
  | { readonly type: 'step-finished'; readonly step: string; readonly status: StepStatus }
  | { readonly type: 'step-skipped'; readonly step: string; readonly because: readonly string[] };

export interface PipelineLoopOptions {
  readonly runId: string;
  /** Steps running at once (default 4). */
  readonly concurrency?: number;
  readonly onProgress?: (progress: PipelineProgress) => void;
}

/**
 * Runs a pipeline's steps in `dependsOn` order, at most `concurrency` at a
 * time, each through `runStep` (which owns retries). A step whose
 * dependency failed (or was skipped) is skipped, transitively; independent
 * branches keep going. The spec guarantees the graph is acyclic and every
 * dependency exists.
 */
export async function runPipelineSteps(pipeline: Pipeline, runStep: (step: Step) => Promise<RetryOutcome>, options: PipelineLoopOptions): Promise<PipelineRunSummary> {
  const started = Date.now();
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const steps = pipeline.spec.steps;
  const summaries = new Map<string, StepSummary>();
  const running = new Set<string>();
  const emit = (progress: PipelineProgress) => options.onProgress?.(progress);

  const blockers = (step: Step) => step.dependsOn.filter((name) => {
    const status = summaries.get(name)?.status;
    return status === 'Failed' || status === 'Skipped';
  });
  const ready = (step: Step) => !summaries.has(step.name) && !running.has(step.name) && step.dependsOn.every((name) => summaries.get(name)?.status === 'Succeeded');

  await new Promise<void>((resolve, reject) => {
    const schedule = () => {
      // Skip until nothing changes: a skip can unblock the skip of a dependent.
      for (let changed = true; changed;) {
        changed = false;
        for (const step of steps) {
          if (summaries.has(step.name) || running.has(step.name)) continue;
          const because = blockers(step);
          if (because.length === 0) continue;
          summaries.set(step.name, { step: step.name, status: 'Skipped', attempts: [], skippedBecause: because });
          emit({ type: 'step-skipped', step: step.name, because });
          changed = true;
        }
      }
      for (const step of steps) {
        if (running.size >= concurrency) break;
        if (!ready(step)) continue;
        running.add(step.name);
        emit({ type: 'step-started', step: step.name });
        runStep(step).then((outcome) => {
          const status: StepStatus = outcome.final.status === 'Succeeded' ? 'Succeeded' : 'Failed';
          running.delete(step.name);
          summaries.set(step.name, { step: step.name, status, attempts: outcome.attempts });
          emit({ type: 'step-finished', step: step.name, status });
          schedule();
        }, reject);
      }
      if (running.size === 0 && summaries.size === steps.length) resolve();
    };
    schedule();
  });

  const ordered = steps.map((step) => summaries.get(step.name)!);
  const counts = { Succeeded: 0, Failed: 0, Skipped: 0 };
  for (const summary of ordered) counts[summary.status]++;
  const finished = Date.now();
  return {
    runId: options.runId,
    pipeline: pipeline.metadata.name,
    status: counts.Failed + counts.Skipped === 0 ? 'Succeeded' : 'Failed',
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    steps: ordered,
    counts,
  };
}

import { FloeError } from '@floe/errors';
import type { ResourceClient } from '@floe/kube';
import type { WaitBounds } from '../classify/wait-bounds.js';
import { runStatus, type AttemptStatus } from '../history/run-status.js';
import type { AttemptReport } from '../report/attempt-report.js';
import { listRunReports } from '../report/report-store.js';
import { stepVerdict } from './step-verdict.js';

/** Neither a report nor a Job of the run exists in the namespace. */
export class RunNotFoundError extends FloeError {
  constructor(runId: string, namespace: string, step: string | undefined) {
    super('JOBS_RUN_NOT_FOUND', `no attempt of run ${runId}${step ? ` step ${step}` : ''} is recorded in namespace ${namespace} (reports are kept for the platform's jobs.historySeconds); check the run id and namespace with: floe job list -n ${namespace}`);
  }
}

/** One step of a run, explained: the verdict first, then the evidence of each attempt. */
export interface StepExplanation {
  readonly step: string;
  readonly state: 'Succeeded' | 'Failed' | 'Running';
  readonly verdict: string;
  /** Reports of the attempts asked for (all, or the one of `--attempt`), in order. */
  readonly attempts: readonly AttemptReport[];
  /** Attempts still running (no report yet), as the cluster shows them now. */
  readonly running: readonly AttemptStatus[];
}

export interface RunExplanation {
  readonly runId: string;
  readonly namespace: string;
  readonly steps: readonly StepExplanation[];
}

/**
 * Why a run's steps ended as they did, from the reports recorded next to
 * its Jobs — so it answers after the pods and the Jobs' TTL are gone — plus
 * the attempts still running (from the Jobs, when they exist).
 */
export async function explainRun(resources: ResourceClient, namespace: string, runId: string, bounds: WaitBounds, options: { step?: string; attempt?: number } = {}): Promise<RunExplanation> {
  const [reports, live] = await Promise.all([listRunReports(resources, namespace, runId, options.step), runStatus(resources, namespace, runId, bounds)]);
  const reported = new Set(reports.map((report) => `${report.step}/${report.attempt}`));
  const running = live.attempts.filter((attempt) => (!options.step || attempt.step === options.step) && !reported.has(`${attempt.step}/${attempt.attempt}`) && attempt.state === 'Running');
  const steps = [...new Set([...reports.map((report) => report.step), ...running.map((attempt) => attempt.step)])].sort();
  if (steps.length === 0) throw new RunNotFoundError(runId, namespace, options.step);
  return {
    runId,
    namespace,
    steps: steps.map((step): StepExplanation => {
      const stepReports = reports.filter((report) => report.step === step);
      const stepRunning = running.filter((attempt) => attempt.step === step);
      const last = stepReports.at(-1);
      return {
        step,
        state: stepRunning.length > 0 ? 'Running' : (last?.status ?? 'Running'),
        verdict: stepRunning.length > 0 ? `attempt ${stepRunning.at(-1)!.attempt} is running (waiting for ${stepRunning.at(-1)!.waitingFor ?? 'the step to finish'})${stepReports.length > 0 ? `; before it: ${stepVerdict(stepReports)}` : ''}` : stepVerdict(stepReports),
        attempts: options.attempt === undefined ? stepReports : stepReports.filter((report) => report.attempt === options.attempt),
        running: stepRunning,
      };
    }),
  };
}

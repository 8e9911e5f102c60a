import type { JobConfig } from '../config/read-job-config.js';
import type { JobEnvironment, Env } from '../config/job-environment.js';
import type { JsonLogger } from '../log/json-logger.js';
import type { TerminationSignals } from '../process/termination-signals.js';
import type { StepSummary } from '../summary/step-summary.js';

/** What every step runner gets. */
export interface StepContext {
  readonly config: JobConfig;
  readonly environment: JobEnvironment;
  /** The environment the child tools inherit. */
  readonly env: Env;
  readonly logger: JsonLogger;
  readonly signals: TerminationSignals;
}

/** The parts of the summary a step runner decides. */
export type StepDetails = Pick<StepSummary, 'message' | 'counts' | 'built' | 'failed' | 'warned' | 'rowsLoaded' | 'tableRows'>;

/** How the step's tool ended. `exitCode` is what floe-job exits with, unless it was cancelled. */
export interface StepRun {
  readonly tool: string;
  readonly command: string;
  readonly exitCode: number;
  readonly details: StepDetails;
}

import type { AttemptReport } from '../report/attempt-report.js';

/** Why an attempt failed. Each class has a fixed `retryable` (see `failureClasses`). */
export type FailureClass =
  | 'ConfigError'
  | 'ImagePull'
  | 'Unschedulable'
  | 'OOMKilled'
  | 'DeadlineExceeded'
  | 'Evicted'
  | 'AppError'
  | 'Cancelled'
  | 'Lost';

/** The failure of one attempt: its class, whether the orchestrator should try again, and what the cluster said. */
export interface AttemptFailure {
  readonly class: FailureClass;
  readonly retryable: boolean;
  /** The Kubernetes reason behind the class (e.g. `CreateContainerConfigError`, `BackoffLimitExceeded`, `FailedCreate`). */
  readonly reason: string;
  readonly message: string;
  readonly exitCode?: number;
  /** The termination message when the entrypoint wrote its JSON summary there. */
  readonly summary?: Readonly<Record<string, unknown>>;
}

/** Which attempt of which step of which run. */
export interface AttemptIdentity {
  readonly namespace: string;
  readonly jobName: string;
  readonly pipeline: string;
  readonly step: string;
  readonly runId: string;
  readonly attempt: number;
}

/** The final, typed outcome of one finished attempt. */
export interface AttemptResult extends AttemptIdentity {
  /** The recorded report (`floe job explain`), when the runner records reports. */
  readonly report?: AttemptReport;
  readonly status: 'Succeeded' | 'Failed';
  readonly failure?: AttemptFailure;
  /** ISO timestamps from the cluster; `startedAt` is absent when the pod never started. */
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly finishedAt: string;
  readonly durationMs?: number;
}

/** The outcome of an attempt without its identity: what the classifier decides. */
export type AttemptOutcome = Omit<AttemptResult, keyof AttemptIdentity>;

/** Whether each class is worth another attempt, and why — the table in the README. */
export const failureClasses: Readonly<Record<FailureClass, { readonly retryable: boolean; readonly why: string }>> = {
  ConfigError: { retryable: false, why: 'a missing ConfigMap/Secret/ServiceAccount, a quota or an EX_CONFIG exit fails the same way again' },
  ImagePull: { retryable: false, why: 'a wrong image reference or missing pull secret does not fix itself within a retry' },
  Unschedulable: { retryable: true, why: 'capacity may free up or the autoscaler may add a node' },
  OOMKilled: { retryable: false, why: 'the same memory limit is hit again; raise resources.limits.memory' },
  DeadlineExceeded: { retryable: true, why: 'a slow or stuck external system may recover' },
  Evicted: { retryable: true, why: 'the node went away or was drained; another node can run it' },
  AppError: { retryable: true, why: 'the step failed at run time (warehouse, network, data); the policy decides how often to retry' },
  Cancelled: { retryable: false, why: 'someone asked it to stop' },
  Lost: { retryable: true, why: 'the Job or pod vanished or never appeared; nothing says the step itself is wrong' },
};

/** Builds an AttemptFailure with the class's `retryable`. */
export function failure(failureClass: FailureClass, reason: string, message: string, extra: { exitCode?: number; summary?: Readonly<Record<string, unknown>> } = {}): AttemptFailure {
  return { class: failureClass, retryable: failureClasses[failureClass].retryable, reason, message, ...extra };
}

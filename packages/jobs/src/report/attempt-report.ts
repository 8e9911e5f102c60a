import type { AttemptIdentity, FailureClass } from '../attempt/attempt-result.js';

/** The most bytes an attempt report takes as JSON (one ConfigMap value, well under etcd's limits). */
export const attemptReportLimitBytes = 16 * 1024;

/** Memory of the step container in one attempt, as Kubernetes quantities. */
export interface AttemptMemory {
  readonly request?: string;
  readonly limit?: string;
}

/** A container's state as the report keeps it (messages cut and redacted). */
export interface ReportedContainerState {
  readonly state: 'waiting' | 'running' | 'terminated' | 'unknown';
  readonly reason?: string;
  readonly message?: string;
  readonly exitCode?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
}

export interface ReportedContainer {
  readonly name: string;
  readonly restartCount: number;
  readonly state: ReportedContainerState;
  /** The state before the last restart, when the container restarted. */
  readonly lastState?: ReportedContainerState;
}

/** Warning Events of the attempt's Job and pod, one entry per reason and message. */
export interface ReportedEvent {
  /** `Job/<name>` or `Pod/<name>`. */
  readonly object: string;
  readonly reason: string;
  readonly message: string;
  /** How often it happened (the Events' own counts, summed over duplicates). */
  readonly count: number;
  readonly lastSeen?: string;
}

/** The node the pod ran on, and the conditions that explain an eviction or a kill when read then. */
export interface ReportedNode {
  readonly name: string;
  /** Pressure conditions that were True, and Ready when it was not True. */
  readonly conditions?: readonly { readonly type: string; readonly status: string; readonly reason?: string; readonly message?: string }[];
  /** Why the conditions are missing (e.g. the runner may not read nodes). */
  readonly unavailable?: string;
}

/** The step container's last log lines, redacted. */
export interface ReportedLogs {
  readonly lines: readonly string[];
  /** Lines dropped to stay within the bound. */
  readonly omittedLines?: number;
  readonly unavailable?: string;
}

/**
 * Why one attempt ended as it did, recorded in the cluster when the attempt
 * finished, so `floe job explain` can answer after the pod and the Job are
 * gone. At most `attemptReportLimitBytes` as JSON.
 */
export interface AttemptReport extends AttemptIdentity {
  readonly status: 'Succeeded' | 'Failed';
  readonly failure?: {
    readonly class: FailureClass;
    readonly retryable: boolean;
    readonly reason: string;
    readonly message: string;
    readonly exitCode?: number;
  };
  readonly createdAt?: string;
  readonly startedAt?: string;
  readonly finishedAt: string;
  readonly durationMs?: number;
  readonly image?: string;
  readonly memory?: AttemptMemory;
  /** Set when `retry.onOOM` gave this attempt more memory than the attempt before it. */
  readonly memoryRaised?: { readonly fromAttempt: number; readonly from: AttemptMemory; readonly factor: number };
  readonly pod?: { readonly name: string; readonly phase?: string; readonly reason?: string; readonly message?: string };
  readonly containers: readonly ReportedContainer[];
  readonly events: readonly ReportedEvent[];
  readonly node?: ReportedNode;
  /** floe-job's termination summary (its JSON), when it wrote one. */
  readonly summary?: Readonly<Record<string, unknown>>;
  readonly logs?: ReportedLogs;
  /** What was cut to stay within the bound: entries dropped per field. */
  readonly omitted?: Readonly<Record<string, number>>;
  /** `values`: credential values read from their Secrets were redacted; `names`: only values after credential env names (Secrets not readable). */
  readonly redaction: 'values' | 'names';
}

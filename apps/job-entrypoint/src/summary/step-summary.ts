/** How a step ended, for the termination message, the span and the job runner's classification. */
export type StepOutcome = 'succeeded' | 'failed' | 'cancelled';

/**
 * Why a step failed: `application` — the data or the user's models/checks
 * (exit 1, retrying will not help); `tool` — dbt/dlt crashed or could not run
 * (exit 2 or another code, may be transient); `configuration` — the pod's
 * input (exit 78); `infrastructure` — the catalog or object storage was
 * unreachable, or an Iceberg commit lost a race (exit 75, retry);
 * `cancelled` — SIGTERM/SIGINT (exit 143/130).
 */
export type FailureClass = 'application' | 'tool' | 'configuration' | 'infrastructure' | 'cancelled';

/**
 * The JSON floe-job writes to the termination-message path (at most 4 KB).
 * Lists are cut to fit; `omitted` then says how many entries each lost.
 */
export interface StepSummary {
  readonly outcome: StepOutcome;
  readonly exitCode: number;
  readonly failureClass?: FailureClass;
  readonly step?: string;
  readonly type?: 'dbt' | 'quality' | 'ingestion';
  readonly tool?: string;
  readonly command?: string;
  readonly runId?: string;
  readonly durationMs: number;
  readonly message?: string;
  /** Count per status: dbt node statuses, or quality check results. */
  readonly counts?: Readonly<Record<string, number>>;
  /** dbt: models, seeds and snapshots built. */
  readonly built?: readonly string[];
  /** Failed dbt nodes (unique ids) or failed quality checks (names). */
  readonly failed?: readonly string[];
  /** dbt nodes or quality checks that warned (did not fail the step). */
  readonly warned?: readonly string[];
  /** Ingestion: rows loaded by this run, per table. */
  readonly rowsLoaded?: Readonly<Record<string, number>>;
  /** Ingestion: rows in the destination table after this run. */
  readonly tableRows?: Readonly<Record<string, number>>;
  readonly omitted?: Readonly<Record<string, number>>;
}

/**
 * Exit statuses of `floe`, one per class of outcome, stable for scripts, CI
 * and the Dagster bridge (orchestrator/dagster-floe retries exactly
 * `unavailable`). 70, 75 and 77 are the sysexits.h numbers of the same ideas.
 */
export const exitCodes = {
  ok: 0,
  /** The input is invalid (a spec, a flag value, a file, a kubeconfig, the Node.js version) or the server refused the request as invalid: fix it and run again. */
  invalidInput: 1,
  /** The command line itself is wrong (unknown command or flag, a flag value of the wrong type). */
  usage: 2,
  /** The cluster did not reach the desired state (deploy failed or timed out, status unhealthy). */
  notReady: 3,
  /** `floe platform diff`: the deploy would change something. */
  changesPending: 10,
  /** `floe job run` / `floe pipeline run`: the step itself failed (AppError, OOMKilled). */
  jobAppFailure: 20,
  /** The step's configuration is wrong (ConfigError, ImagePull). */
  jobConfigError: 21,
  /** The cluster could not run the step (Unschedulable, Evicted, Lost). */
  jobInfrastructure: 22,
  jobCancelled: 23,
  /** The step ran past its deadline (DeadlineExceeded). */
  jobTimeout: 24,
  /** A bug in floe: report it. */
  internal: 70,
  /** The API server could not be reached, timed out, throttled or failed (5xx): the same command may pass later. The only retryable class. */
  unavailable: 75,
  /** The API server refused the credentials (401) or the action (403), or the kubeconfig's credential plugin failed. */
  permissionDenied: 77,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

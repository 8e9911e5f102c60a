/** Exit statuses of `floe`, stable for scripts and CI. */
export const exitCodes = {
  ok: 0,
  /** The input (a spec, a flag value) is invalid: fix it and run again. */
  invalidInput: 1,
  /** The command line itself is wrong (unknown command or flag). */
  usage: 2,
  /** The cluster did not reach the desired state (deploy failed or timed out, status unhealthy). */
  notReady: 3,
  /** `floe platform diff`: the deploy would change something. */
  changesPending: 10,
  /** A bug in floe: report it. */
  internal: 70,
} as const;

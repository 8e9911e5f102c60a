/**
 * What kind of failure an error is. It decides the CLI's exit status and
 * whether running the same command again can help:
 *
 * - `invalid-input`: a spec, a flag value, a kubeconfig or a request the
 *   server refused as invalid; fix it and run again.
 * - `not-ready`: the cluster did not reach the desired state (a deploy that
 *   failed or timed out, an unhealthy platform).
 * - `unavailable`: the cluster could not be reached or answered with a
 *   server-side failure (connection refused or reset, timeouts, 429, 5xx).
 *   The only category worth retrying as is.
 * - `permission-denied`: the API server refused the credentials (401) or
 *   the action (403), or the kubeconfig's credential plugin failed.
 */
export type ErrorCategory = 'invalid-input' | 'not-ready' | 'unavailable' | 'permission-denied';

/** True for the categories where the same command may succeed later without any change. */
export function isRetryableCategory(category: ErrorCategory): boolean {
  return category === 'unavailable';
}

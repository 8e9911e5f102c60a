/** How requests are retried: attempts and the bounds of the jittered exponential backoff. */
export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxAttempts: 6, baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * Delay before retry number `attempt` (1-based): "full jitter" exponential
 * backoff, or the server's Retry-After (seconds) when it gave one, capped.
 */
export function retryDelayMs(attempt: number, options: RetryOptions, retryAfter?: string | null, random = Math.random): number {
  const seconds = retryAfter ? Number(retryAfter) : Number.NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, options.maxDelayMs);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(random() * ceiling);
}

/** Statuses worth retrying: throttling and server-side failures (not 501). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

const retryableCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'UND_ERR_SOCKET',
  // An HTTP/2 connection that went away or was drained (GOAWAY), a stream the server refused or reset.
  'ERR_HTTP2_STREAM_ERROR', 'ERR_HTTP2_STREAM_CANCEL', 'ERR_HTTP2_GOAWAY_SESSION', 'ERR_HTTP2_INVALID_SESSION', 'ERR_HTTP2_SESSION_ERROR', 'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Connection-level failures worth retrying (the server may be restarting). */
export function isRetryableConnectionError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code !== undefined && retryableCodes.has(code);
}

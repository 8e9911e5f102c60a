import type { RetryPolicy } from '@floe/spec';

/**
 * Milliseconds to wait after failed attempt `attempt` (1-based):
 * min(initialSeconds * multiplier^(attempt-1), maxSeconds), and with
 * jitter a uniformly random point in its upper half (so retries of many
 * runs spread out but never come sooner than half the delay).
 */
export function retryDelayMs(attempt: number, backoff: RetryPolicy['backoff'], random: () => number = Math.random): number {
  const seconds = Math.min(backoff.initialSeconds * backoff.multiplier ** (attempt - 1), backoff.maxSeconds);
  const ms = seconds * 1000;
  return backoff.jitter ? ms / 2 + random() * (ms / 2) : ms;
}

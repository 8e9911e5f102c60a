import { describe, expect, it } from 'vitest';
import type { AttemptResult, FailureClass } from '../attempt/attempt-result.js';
import { failure } from '../attempt/attempt-result.js';
import { retryDelayMs } from './retry-delay.js';
import { retryAttempts } from './run-with-retries.js';

const backoff = { initialSeconds: 30, multiplier: 2, maxSeconds: 100, jitter: false };
const result = (attempt: number, failureClass?: FailureClass): AttemptResult => ({
  namespace: 'ns', jobName: `j-a${attempt}`, pipeline: 'p', step: 's', runId: 'r', attempt,
  status: failureClass ? 'Failed' : 'Succeeded', ...(failureClass ? { failure: failure(failureClass, 'x', 'x') } : {}), finishedAt: '',
});

describe('retryDelayMs', () => {
  it('grows by the multiplier up to maxSeconds, and jitter stays in the upper half', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, backoff))).toEqual([30_000, 60_000, 100_000, 100_000]);
    expect(retryDelayMs(1, { ...backoff, jitter: true }, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, { ...backoff, jitter: true }, () => 0.999)).toBeLessThan(30_000);
  });
});

describe('retryAttempts', () => {
  const policy = { maxAttempts: 3, backoff: { ...backoff, initialSeconds: 0 } };

  it('retries retryable classes up to maxAttempts', async () => {
    const outcome = await retryAttempts((attempt) => Promise.resolve(result(attempt, 'AppError')), { policy });
    expect(outcome.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
  });

  it('stops at success and never retries a non-retryable class', async () => {
    expect((await retryAttempts((attempt) => Promise.resolve(result(attempt, attempt === 1 ? 'Lost' : undefined)), { policy })).attempts).toHaveLength(2);
    expect((await retryAttempts((attempt) => Promise.resolve(result(attempt, 'ConfigError')), { policy })).attempts).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { isRetryableStatus, retryDelayMs } from '../index.js';

const options = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('retryDelayMs', () => {
  it('honours Retry-After, capped', () => {
    expect(retryDelayMs(1, options, '0.5')).toBe(500);
    expect(retryDelayMs(1, options, '120')).toBe(1000);
  });

  it('jitters below an exponential ceiling', () => {
    expect(retryDelayMs(1, options, undefined, () => 1)).toBe(100);
    expect(retryDelayMs(3, options, undefined, () => 1)).toBe(400);
    expect(retryDelayMs(9, options, undefined, () => 1)).toBe(1000);
    expect(retryDelayMs(3, options, undefined, () => 0.5)).toBe(200);
  });

  it('retries throttling and server errors only', () => {
    expect([429, 500, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 404, 409, 422, 501].some(isRetryableStatus)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { LocalClusterError } from '../local-cluster-error.js';
import { waitUntil } from './wait-until.js';

describe('waitUntil', () => {
  it('gives up with a retryable CLUSTER_START_TIMEOUT naming what it waited for', async () => {
    const error = await waitUntil('the moon', () => Promise.resolve(false), { timeoutMs: 0, intervalMs: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LocalClusterError);
    expect(error).toMatchObject({ code: 'CLUSTER_START_TIMEOUT', category: 'unavailable' });
    expect((error as Error).message).toContain('waiting for the moon');
  });

  it('returns as soon as the check passes', async () => {
    let calls = 0;
    await waitUntil('a second call', () => Promise.resolve(++calls >= 2), { timeoutMs: 60_000, intervalMs: 1 });
    expect(calls).toBe(2);
  });
});

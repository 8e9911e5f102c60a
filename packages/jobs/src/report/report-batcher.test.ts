import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttemptReport } from './attempt-report.js';
import type { BatchedReport } from './report-batch-store.js';
import { ReportBatcher } from './report-batcher.js';

const entry = (index: number): BatchedReport => ({
  report: { namespace: 'ns', jobName: `p-s-r${index}-a1`, pipeline: 'p', step: 's', runId: `r${index}`, attempt: 1, status: 'Succeeded', finishedAt: '2026-01-01T00:00:00Z', containers: [], events: [], redaction: 'values' } satisfies AttemptReport,
  expiresAt: `2026-01-0${1 + (index % 5)}T00:00:00Z`,
});

describe('ReportBatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the first report at once and the ones that follow within the interval together', async () => {
    const writes: { namespace: string; name: string; jobs: string[] }[] = [];
    const batcher = new ReportBatcher((namespace, name, entries) => {
      writes.push({ namespace, name, jobs: entries.map((batched) => batched.report.jobName) });
      return Promise.resolve();
    }, { intervalMs: 1000 });
    const first = batcher.add('ns', entry(1));
    await first;
    expect(writes).toHaveLength(1);
    const later = [2, 3, 4].map((index) => batcher.add('ns', entry(index)));
    await vi.advanceTimersByTimeAsync(999);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(later);
    expect(writes.map((write) => write.jobs)).toEqual([['p-s-r1-a1'], ['p-s-r2-a1', 'p-s-r3-a1', 'p-s-r4-a1']]);
    expect(new Set(writes.map((write) => write.name)).size).toBe(2);
  });

  it('writes a full batch without waiting for the interval, and keeps namespaces apart', async () => {
    const sizes: string[] = [];
    const batcher = new ReportBatcher((namespace, _name, entries) => {
      sizes.push(`${namespace}:${entries.length}`);
      return Promise.resolve();
    }, { intervalMs: 60_000, maxEntries: 3 });
    await batcher.add('ns', entry(0));
    const full = [1, 2, 3].map((index) => batcher.add('ns', entry(index)));
    const other = batcher.add('other', entry(9));
    await Promise.all([...full, other]);
    expect(sizes.sort()).toEqual(['ns:1', 'ns:3', 'other:1']);
  });

  it('rejects every report of a batch whose write failed, and writes the next batch still', async () => {
    let fail = true;
    const batcher = new ReportBatcher(() => (fail ? Promise.reject(new Error('forbidden')) : Promise.resolve()), { intervalMs: 10 });
    await expect(batcher.add('ns', entry(1))).rejects.toThrow('forbidden');
    fail = false;
    const next = batcher.add('ns', entry(2));
    await vi.advanceTimersByTimeAsync(10);
    await expect(next).resolves.toBeUndefined();
  });
});

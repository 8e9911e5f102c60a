import { describe, expect, it } from 'vitest';
import { pipelineJobName } from './pipeline-job-name.js';

describe('pipelineJobName', () => {
  it('joins pipeline, step, run id and attempt when they fit', () => {
    expect(pipelineJobName({ pipeline: 'orders', step: 'build', runId: 'r-42', attempt: 1 })).toBe('orders-build-r-42-a1');
  });

  it('is deterministic and distinguishes attempts and run ids that differ only in case or punctuation', () => {
    const name = (runId: string, attempt = 1) => pipelineJobName({ pipeline: 'orders', step: 'build', runId, attempt });
    expect(name('Run_1')).toBe(name('Run_1'));
    expect(name('Run_1')).not.toBe(name('run-1'));
    expect(name('Run_1')).not.toBe(name('RUN_1'));
    expect(name('r', 1)).not.toBe(name('r', 2));
  });

  it('stays a DNS label of at most 63 characters, ending in a hash when long', () => {
    const long = pipelineJobName({ pipeline: 'p'.repeat(40), step: 's'.repeat(40), runId: 'abcdef0123456789abcdef0123456789', attempt: 10 });
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    expect(long).toMatch(/-[0-9a-f]{8}$/);
    expect(long).not.toBe(pipelineJobName({ pipeline: 'p'.repeat(40), step: 's'.repeat(40), runId: 'abcdef0123456789abcdef0123456789', attempt: 11 }));
  });
});

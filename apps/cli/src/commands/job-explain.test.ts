import { describe, expect, it } from 'vitest';
import type { AttemptReport, RunExplanation } from '@floe/jobs';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';
import { describeExplanation } from './job-explain.js';

const oom: AttemptReport = {
  namespace: 'floe-jobs', jobName: 'orders-build-r1-a1', pipeline: 'orders', step: 'build', runId: 'r1', attempt: 1, status: 'Failed',
  failure: { class: 'OOMKilled', retryable: true, reason: 'OOMKilled', message: 'the container ran out of memory (limit 1Gi)', exitCode: 137 },
  finishedAt: '2026-01-01T00:00:05Z', memory: { request: '1Gi', limit: '1Gi' },
  containers: [{ name: 'floe-job', restartCount: 0, state: { state: 'terminated', reason: 'OOMKilled', exitCode: 137 } }],
  events: [{ object: 'Pod/orders-build-r1-a1-x', reason: 'Failed', message: 'Container failed', count: 3 }],
  node: { name: 'node-1', conditions: [{ type: 'MemoryPressure', status: 'True' }] },
  logs: { lines: ['allocating', 'password=[REDACTED]'] },
  redaction: 'names',
};
const explanation: RunExplanation = {
  runId: 'r1', namespace: 'floe-jobs',
  steps: [{ step: 'build', state: 'Succeeded', verdict: 'OOMKilled: the step used its 1Gi memory limit (exit 137); retry 2 ran with 2Gi and succeeded', attempts: [oom], running: [] }],
};

describe('floe job explain', () => {
  it('prints the verdict first, then the evidence of each attempt', () => {
    const lines = describeExplanation(explanation);
    expect(lines[0]).toBe('build: OOMKilled: the step used its 1Gi memory limit (exit 137); retry 2 ran with 2Gi and succeeded');
    const text = lines.join('\n');
    expect(text).toContain('attempt 1  Failed  OOMKilled (OOMKilled, exit 137, retryable)  job orders-build-r1-a1');
    expect(text).toContain('3× Pod/orders-build-r1-a1-x Failed: Container failed');
    expect(text).toContain('node-1: MemoryPressure=True');
    expect(text).toContain('| password=[REDACTED]');
    expect(text).toContain('env name only');
  });

  it('rejects an attempt that is not a positive number as a usage error, before touching a cluster', async () => {
    const output = captureOutput();
    expect(await runFloe(['job', 'explain', 'r1', '--attempt', '0'], output)).toBe(2);
    expect(output.stderr()).toContain('whole number');
  });
});

import { describe, expect, it } from 'vitest';
import type { AttemptReport } from '../report/attempt-report.js';
import { stepVerdict } from './step-verdict.js';

const base = { namespace: 'ns', pipeline: 'orders', step: 'build', runId: 'r1', finishedAt: '2026-01-01T00:00:10Z', containers: [], events: [], redaction: 'values' as const };
const oom = (attempt: number, limit: string, retryable: boolean): AttemptReport => ({
  ...base, jobName: `j-a${attempt}`, attempt, status: 'Failed', memory: { limit },
  failure: { class: 'OOMKilled', retryable, reason: 'OOMKilled', message: 'the container ran out of memory', exitCode: 137 },
});

describe('stepVerdict', () => {
  it('says what killed the step and that a retry with more memory succeeded', () => {
    const retried: AttemptReport = { ...base, jobName: 'j-a2', attempt: 2, status: 'Succeeded', memory: { limit: '4Gi' }, memoryRaised: { fromAttempt: 1, from: { limit: '2Gi' }, factor: 2 } };
    expect(stepVerdict([retried, oom(1, '2Gi', true)])).toBe('OOMKilled: the step used its 2Gi memory limit (exit 137); retry 2 ran with 4Gi and succeeded');
  });

  it('says why an OOMKilled step was not retried without retry.onOOM', () => {
    expect(stepVerdict([oom(1, '1Gi', false)])).toBe('OOMKilled: the step used its 1Gi memory limit (exit 137); not retried: OOMKilled is retried only with retry.onOOM in the pipeline; set it, or raise resources.limits.memory');
  });

  it('names the failed dbt models from the termination summary', () => {
    const dbt: AttemptReport = { ...base, jobName: 'j-a1', attempt: 1, status: 'Failed', summary: { failed: ['model.shop.orders'], message: 'dbt build failed: 1 error' }, failure: { class: 'AppError', retryable: true, reason: 'Error', message: 'dbt build failed: 1 error', exitCode: 1 } };
    expect(stepVerdict([dbt])).toBe('AppError: model.shop.orders failed (exit 1): dbt build failed: 1 error; not retried: no attempts left (retry.maxAttempts)');
  });

  it('names the scheduler\'s reason for an unschedulable step from its events', () => {
    const pending: AttemptReport = {
      ...base, jobName: 'j-a1', attempt: 1, status: 'Failed', failure: { class: 'Unschedulable', retryable: true, reason: 'Unschedulable', message: '0/1 nodes are available' },
      events: [{ object: 'Pod/p', reason: 'FailedScheduling', message: '0/3 nodes are available: 3 Insufficient cpu.', count: 4 }],
    };
    expect(stepVerdict([pending])).toContain('Unschedulable: no node could run the pod: 0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('reports a plain success', () => {
    expect(stepVerdict([{ ...base, jobName: 'j-a1', attempt: 1, status: 'Succeeded', durationMs: 3200 }])).toBe('succeeded on attempt 1 in 3.2 s');
  });
});

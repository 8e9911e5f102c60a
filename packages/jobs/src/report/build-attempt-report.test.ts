import { describe, expect, it } from 'vitest';
import { failure, type AttemptResult } from '../attempt/attempt-result.js';
import type { EventObject, PodObject } from '../attempt/kube-shapes.js';
import { attemptReportLimitBytes } from './attempt-report.js';
import { buildAttemptReport } from './build-attempt-report.js';
import { reportRedactor } from './report-redactor.js';

const result: AttemptResult = {
  namespace: 'ns', jobName: 'orders-build-r1-a1', pipeline: 'orders', step: 'build', runId: 'r1', attempt: 1,
  status: 'Failed', failure: failure('AppError', 'Error', 'dbt build failed: 1 model errored', { exitCode: 1, summary: { outcome: 'failed', failed: ['model.shop.orders'], message: 'dbt build failed: 1 model errored' } }),
  finishedAt: '2026-01-01T00:00:10Z',
};
const pod: PodObject = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orders-build-r1-a1-x', namespace: 'ns' }, spec: { nodeName: 'n1' },
  status: { phase: 'Failed', containerStatuses: [{ name: 'floe-job', image: 'floe-job:1', restartCount: 1, state: { terminated: { exitCode: 1, reason: 'Error' } }, lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] },
};
const warning = (index: number, reason = 'BackOff', message = 'Back-off restarting failed container'): EventObject => ({
  apiVersion: 'v1', kind: 'Event', metadata: { name: `e${index}` }, involvedObject: { kind: 'Pod', name: 'orders-build-r1-a1-x' }, reason, message, type: 'Warning', count: 2, lastTimestamp: `2026-01-01T00:00:0${index % 10}Z`,
});
const redact = reportRedactor({ values: ['hunter2-password'], envNames: ['WAREHOUSE_PASSWORD'] });

describe('buildAttemptReport', () => {
  it('keeps the failure, both container states, the summary and the last log lines, with credentials redacted', () => {
    const report = buildAttemptReport({
      result, pod, events: [warning(1)], redaction: 'values', memory: { request: '1Gi', limit: '1Gi' },
      logs: { lines: ['connecting as admin with hunter2-password', 'WAREHOUSE_PASSWORD=other-value', 'Database Error in model orders'] },
    }, redact);
    expect(report).toMatchObject({
      status: 'Failed', failure: { class: 'AppError', exitCode: 1 }, image: 'floe-job:1', memory: { limit: '1Gi' },
      containers: [{ name: 'floe-job', restartCount: 1, state: { state: 'terminated', exitCode: 1 }, lastState: { state: 'terminated', reason: 'OOMKilled', exitCode: 137 } }],
      summary: { failed: ['model.shop.orders'] },
      logs: { lines: ['connecting as admin with [REDACTED]', 'WAREHOUSE_PASSWORD=[REDACTED]', 'Database Error in model orders'] },
    });
    expect(JSON.stringify(report)).not.toContain('hunter2-password');
    expect(JSON.stringify(report)).not.toContain('other-value');
  });

  it('collapses thousands of repeated events into counts and keeps at most 20 distinct ones', () => {
    const events = Array.from({ length: 5000 }, (_, index) => warning(index, index % 100 === 0 ? `Reason${index}` : 'BackOff'));
    const report = buildAttemptReport({ result, pod, events, redaction: 'values' }, redact);
    expect(report.events[0]).toMatchObject({ reason: 'BackOff', count: 2 * 4950, object: 'Pod/orders-build-r1-a1-x' });
    expect(report.events).toHaveLength(20);
    expect(report.omitted).toMatchObject({ events: 31 });
  });

  it('never exceeds its bound, however large the log, the events and the summary', () => {
    const huge = 'x'.repeat(100_000);
    const events = Array.from({ length: 3000 }, (_, index) => warning(index, `Reason${index}`, `${index} ${huge.slice(0, 2000)}`));
    const bigResult: AttemptResult = { ...result, failure: failure('AppError', 'Error', huge, { exitCode: 1, summary: { message: huge, failed: Array.from({ length: 500 }, (_, index) => `model.shop.m${index}`) } }) };
    const bigPod: PodObject = { ...pod, status: { ...pod.status, message: huge, containerStatuses: [{ name: 'floe-job', state: { terminated: { exitCode: 1, message: huge } } }] } };
    const report = buildAttemptReport({ result: bigResult, pod: bigPod, events, redaction: 'names', logs: { lines: Array.from({ length: 5000 }, () => huge) } }, redact);
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThanOrEqual(attemptReportLimitBytes);
    expect(report.failure?.class).toBe('AppError');
    expect(report.omitted?.['logLines']).toBeGreaterThan(0);
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttemptResult } from '@floe/jobs';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';
import { exitCodes } from '../exit-codes.js';
import { describeResult, exitCodeOf } from './job.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

const base = { namespace: 'floe-jobs', jobName: 'orders-build-r1-a1', pipeline: 'orders', step: 'build', runId: 'r1', attempt: 1, finishedAt: '2026-01-01T00:00:05Z' };
const failed = (failureClass: NonNullable<AttemptResult['failure']>['class'], exitCode?: number): AttemptResult => ({
  ...base, status: 'Failed', failure: { class: failureClass, retryable: false, reason: 'r', message: 'm', ...(exitCode !== undefined ? { exitCode } : {}) },
});

describe('floe job', () => {
  it('mirrors the result in distinct exit codes per family', () => {
    expect(exitCodeOf({ ...base, status: 'Succeeded' })).toBe(0);
    expect(exitCodeOf(failed('AppError', 1))).toBe(exitCodes.jobAppFailure);
    expect(exitCodeOf(failed('ConfigError'))).toBe(exitCodes.jobConfigError);
    expect(exitCodeOf(failed('Unschedulable'))).toBe(exitCodes.jobInfrastructure);
    expect(exitCodeOf(failed('Cancelled'))).toBe(exitCodes.jobCancelled);
    expect(exitCodeOf(failed('DeadlineExceeded'))).toBe(exitCodes.jobTimeout);
  });

  it('describes a failure with its class, reason, exit code and retryability', () => {
    expect(describeResult(failed('AppError', 3))).toBe('FAIL  build AppError (r, exit 3, not retryable): m (run r1, attempt 1, job orders-build-r1-a1)');
  });

  it('exits 1 for a step the pipeline does not have, before touching a cluster', async () => {
    const output = captureOutput();
    const code = await runFloe(['job', 'run', '-p', `${examples}pipelines/orders.yaml`, '-f', `${examples}platform.yaml`, '--step', 'nope'], output);
    expect(code).toBe(1);
    expect(output.stderr()).toContain('has no step "nope"');
  });

  it('exits 2 when the pipeline file or the step is not given', async () => {
    expect(await runFloe(['job', 'run', '-p', `${examples}pipelines/orders.yaml`], captureOutput())).toBe(2);
    expect(await runFloe(['job', 'run', '--step', 'build-models'], captureOutput())).toBe(2);
  });
});

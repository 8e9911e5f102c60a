import { describe, expect, it } from 'vitest';
import type { PipelineRunSummary } from '@floe/jobs';
import { exitCodes } from '../exit-codes.js';
import { describeProgress, pipelineExitCode } from './pipeline.js';

const result = { namespace: 'n', jobName: 'j', pipeline: 'p', step: 'b', runId: 'r', attempt: 1, finishedAt: '' };

describe('floe pipeline run', () => {
  it('prints plain progress lines', () => {
    expect(describeProgress({ type: 'step-skipped', step: 'c', because: ['b'] })).toBe('skip  c (depends on failed b)');
    expect(describeProgress({ type: 'attempt-finished', step: 'b', result: { ...result, status: 'Failed', failure: { class: 'AppError', retryable: true, reason: 'Error', message: 'boom', exitCode: 1 } }, nextAttempt: { attempt: 2, delayMs: 30_000 } }))
      .toContain('; attempt 2 in 30 s');
  });

  it('exits with the code of the first failed step', () => {
    const summary = {
      status: 'Failed',
      steps: [{ step: 'b', status: 'Failed', attempts: [{ ...result, status: 'Failed', failure: { class: 'ConfigError', retryable: false, reason: 'x', message: 'x' } }] }],
    } as unknown as PipelineRunSummary;
    expect(pipelineExitCode(summary)).toBe(exitCodes.jobConfigError);
    expect(pipelineExitCode({ ...summary, status: 'Succeeded' })).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { failure, type AttemptResult } from '../attempt/attempt-result.js';
import type { JobObject } from '../attempt/kube-shapes.js';
import { memoryOfJob, raisedMemory, withMemory } from './oom-memory.js';
import { decideOomRetry } from './oom-retry-decision.js';

describe('memory-aware retries', () => {
  const onOOM = { memoryFactor: 2, maxMemory: '6Gi' };

  it('multiplies request and limit by the factor and caps both at maxMemory', () => {
    expect(raisedMemory({ request: '1Gi', limit: '2Gi' }, onOOM)).toEqual({ request: '2Gi', limit: '4Gi' });
    expect(raisedMemory({ request: '2Gi', limit: '4Gi' }, onOOM)).toEqual({ request: '4Gi', limit: '6Gi' });
    expect(raisedMemory({ request: '5Gi', limit: '5Gi' }, onOOM)).toEqual({ request: '6Gi', limit: '6Gi' });
  });

  it('gives up once the attempt already had maxMemory', () => {
    expect(raisedMemory({ request: '4Gi', limit: '6Gi' }, onOOM)).toBeUndefined();
  });

  it('rounds a fractional factor up to whole Mi', () => {
    expect(raisedMemory({ limit: '1000Mi' }, { memoryFactor: 1.5, maxMemory: '8Gi' })).toEqual({ limit: '1500Mi' });
    expect(raisedMemory({ limit: '1G' }, { memoryFactor: 1.5, maxMemory: '8Gi' })).toEqual({ limit: '1431Mi' });
  });

  it('replaces the step container\'s memory in a copy of the Job', () => {
    const job: JobObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'floe-job', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } } }] } } } };
    const raised = withMemory(job, { request: '2Gi', limit: '4Gi' });
    expect(memoryOfJob(raised)).toEqual({ request: '2Gi', limit: '4Gi' });
    expect(memoryOfJob(job)).toEqual({ request: '1Gi', limit: '2Gi' });
    expect((raised.spec as { template: { spec: { containers: { resources: { requests: { cpu: string } } }[] } } }).template.spec.containers[0]!.resources.requests.cpu).toBe('1');
  });
});

describe('decideOomRetry', () => {
  const oom: AttemptResult = { namespace: 'ns', jobName: 'j', pipeline: 'p', step: 's', runId: 'r', attempt: 1, status: 'Failed', failure: failure('OOMKilled', 'OOMKilled', 'out of memory', { exitCode: 137 }), finishedAt: '' };

  it('keeps OOMKilled non-retryable without retry.onOOM', () => {
    expect(decideOomRetry(oom, { limit: '1Gi' }, undefined).failure).toMatchObject({ class: 'OOMKilled', retryable: false });
  });

  it('makes OOMKilled retryable while the cap leaves room, and says what the next attempt gets', () => {
    expect(decideOomRetry(oom, { limit: '1Gi' }, { memoryFactor: 2, maxMemory: '4Gi' }).failure).toMatchObject({ retryable: true, message: expect.stringContaining('gives the next attempt 2Gi') as unknown });
    expect(decideOomRetry(oom, { limit: '4Gi' }, { memoryFactor: 2, maxMemory: '4Gi' }).failure).toMatchObject({ retryable: false, message: expect.stringContaining('already at retry.onOOM.maxMemory 4Gi') as unknown });
  });
});

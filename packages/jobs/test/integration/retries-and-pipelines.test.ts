import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { failPod, jobsNamespace, testPipeline, type JobsNamespace } from './jobs-fixture.js';

let env: JobsNamespace;
beforeEach(async () => {
  env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'retry' });
});
afterEach(async () => {
  await env.dispose();
});

const noWait = { maxAttempts: 3, backoff: { initialSeconds: 0, multiplier: 1, maxSeconds: 0, jitter: false } };

describe('retries', () => {
  it('retries a retryable failure up to the policy\'s limit, each attempt a new Job', async () => {
    const pipeline = testPipeline('    - { name: flaky, type: dbt, command: run }');
    const outcome = await env.runner.runWithRetries(env.step(pipeline, 'flaky'), { runId: 'flaky-1', policy: noWait, ...failPod(1) });
    expect(outcome.attempts.map((attempt) => [attempt.attempt, attempt.failure?.class])).toEqual([[1, 'AppError'], [2, 'AppError'], [3, 'AppError']]);
    expect(new Set(outcome.attempts.map((attempt) => attempt.jobName)).size).toBe(3);
    expect(outcome.attempts.map((attempt) => attempt.jobName)).toEqual(['orders-flaky-flaky-1-a1', 'orders-flaky-flaky-1-a2', 'orders-flaky-flaky-1-a3']);
  });

  it('does not retry a non-retryable failure', async () => {
    const pipeline = testPipeline('    - { name: misconfigured, type: dbt, command: run }');
    const outcome = await env.runner.runWithRetries(env.step(pipeline, 'misconfigured'), { runId: 'cfg-1', policy: noWait, ...failPod(78) });
    expect(outcome.attempts).toHaveLength(1);
    expect(outcome.final.failure?.class).toBe('ConfigError');
  });
});

describe('pipeline runs', () => {
  it('skips the dependents of a failing middle step, runs independent branches and reports the summary', async () => {
    const pipeline = testPipeline(`    - { name: ingest, type: dbt, command: seed }
    - { name: build, type: dbt, command: build, dependsOn: [ingest] }
    - { name: check, type: dbt, command: test, dependsOn: [build] }
    - { name: publish, type: dbt, command: run, dependsOn: [check] }
    - { name: side, type: dbt, command: run, dependsOn: [ingest] }`, '  retry: { maxAttempts: 2, backoff: { initialSeconds: 0, jitter: false } }');
    const progress: string[] = [];
    const summary = await env.runner.runPipeline({ platform: env.platform, pipeline }, {
      runId: 'dag-1',
      concurrency: 2,
      onProgress: (event) => progress.push(`${event.type}:${event.step}`),
      stepOptions: (step) => (step.name === 'build' ? failPod(2) : {}),
    });
    expect(summary.status).toBe('Failed');
    expect(summary.steps.map((step) => [step.step, step.status, step.attempts.length])).toEqual([
      ['ingest', 'Succeeded', 1], ['build', 'Failed', 2], ['check', 'Skipped', 0], ['publish', 'Skipped', 0], ['side', 'Succeeded', 1],
    ]);
    expect(summary.steps.find((step) => step.step === 'check')?.skippedBecause).toEqual(['build']);
    expect(summary.counts).toEqual({ Succeeded: 2, Failed: 1, Skipped: 2 });
    expect(progress).toContain('step-skipped:publish');
    const status = await env.runner.status(env.ns.name, 'dag-1');
    expect(status.state).toBe('Failed');
  });
});

import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { failPod, jobsNamespace, testPipeline, waitingPod, type JobsNamespace } from './jobs-fixture.js';

let env: JobsNamespace;
beforeEach(async () => {
  env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'fail' });
});
afterEach(async () => {
  await env.dispose();
});

const pipeline = testPipeline(`    - { name: build, type: dbt, command: build }
    - name: greedy
      type: dbt
      command: run
      resources: { requests: { cpu: "500", memory: 1Gi }, limits: { cpu: "500", memory: 1Gi } }
    - { name: short, type: dbt, command: run, timeoutSeconds: 30 }
    - name: secretive
      type: dbt
      command: run
      env: [{ name: WAREHOUSE_TOKEN, secretKeyRef: { name: no-such-secret, key: token } }]`);

describe('failure classes', () => {
  it('reports the exit code from the kwok failure stage as AppError with the entrypoint\'s JSON summary parsed', async () => {
    const summary = JSON.stringify({ status: 'failed', message: 'dbt build failed: 2 models errored', exitCode: 1 });
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'app-1', attempt: 1, ...failPod(3, { message: summary }) });
    expect(result.status).toBe('Failed');
    expect(result.failure).toMatchObject({ class: 'AppError', retryable: true, exitCode: 3, message: 'dbt build failed: 2 models errored', summary: { status: 'failed' } });
    expect(result.finishedAt).toBeTruthy();
  });

  it('classifies the entrypoint\'s configuration exit code 78 as ConfigError, not retryable (podFailurePolicy)', async () => {
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'exit-78', attempt: 1, ...failPod(78, { message: 'FLOE_STEP is not valid JSON' }) });
    expect(result.failure).toMatchObject({ class: 'ConfigError', retryable: false, exitCode: 78 });
  });

  it('classifies OOMKilled', async () => {
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'oom', attempt: 1, ...failPod(137, { reason: 'OOMKilled' }) });
    expect(result.failure).toMatchObject({ class: 'OOMKilled', retryable: false, exitCode: 137 });
  });

  it('refuses a step whose platform ConfigMap is missing with ConfigError before creating anything (pre-flight)', async () => {
    await env.ns.resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: env.ns.name, name: 'floe-platform-config' });
    const submitted = await env.runner.submit(env.step(pipeline, 'build'), { runId: 'no-cm', attempt: 1 });
    expect(submitted.created).toBe(false);
    expect((await submitted.result).failure).toMatchObject({ class: 'ConfigError', retryable: false, reason: 'PreflightFailed' });
    expect((await submitted.result).failure?.message).toContain('ConfigMap');
    expect((await env.ns.resources.list('batch/v1', 'Job', { namespace: env.ns.name })).items).toHaveLength(0);
  });

  it('refuses a step whose Secret is missing with ConfigError and does not retry it', async () => {
    const outcome = await env.runner.runWithRetries(env.step(pipeline, 'secretive'), { runId: 'no-secret', policy: { maxAttempts: 3, backoff: { initialSeconds: 0, multiplier: 1, maxSeconds: 0, jitter: false } } });
    expect(outcome.attempts).toHaveLength(1);
    expect(outcome.final.failure).toMatchObject({ class: 'ConfigError', retryable: false });
    expect(outcome.final.failure?.message).toContain('no-such-secret');
  });

  it('classifies a container stuck in CreateContainerConfigError as ConfigError and stops its Job', async () => {
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'ccce', attempt: 1, preflight: false, ...waitingPod('CreateContainerConfigError', 'secret "x" not found') });
    expect(result.failure).toMatchObject({ class: 'ConfigError', reason: 'CreateContainerConfigError', message: 'secret "x" not found' });
  });

  it('classifies ImagePullBackOff as ImagePull within its bound', async () => {
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'pull', attempt: 1, ...waitingPod('ImagePullBackOff') });
    expect(result.failure).toMatchObject({ class: 'ImagePull', reason: 'ImagePullBackOff', retryable: false });
  });

  it('classifies an impossible resource request as Unschedulable within its bound', async () => {
    const started = Date.now();
    const result = await env.runner.run(env.step(pipeline, 'greedy'), { runId: 'greedy', attempt: 1 });
    expect(result.failure).toMatchObject({ class: 'Unschedulable', retryable: true });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('classifies a missing ServiceAccount as ConfigError via FailedCreate within its bound', async () => {
    await env.ns.resources.delete({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: env.ns.name, name: 'floe-job' });
    const started = Date.now();
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'no-sa', attempt: 1, preflight: false });
    expect(result.failure).toMatchObject({ class: 'ConfigError', reason: 'FailedCreate', retryable: false });
    expect(result.failure?.message).toContain('floe-job');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reports DeadlineExceeded when the step runs past activeDeadlineSeconds', { timeout: 90_000 }, async () => {
    const result = await env.runner.run(env.step(pipeline, 'short'), { runId: 'late', attempt: 1, podAnnotations: { 'pod-complete.stage.kwok.x-k8s.io/delay': '5m' } });
    expect(result.failure, JSON.stringify(result.failure)).toMatchObject({ class: 'DeadlineExceeded', retryable: true });
  });
});

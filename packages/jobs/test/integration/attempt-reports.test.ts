import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatCriLogLine } from '@floe/local-cluster';
import { afterEach, describe, expect, it, inject } from 'vitest';
import type { JobObject } from '../../src/attempt/kube-shapes.js';
import { attemptReportLimitBytes, JobRunner, pruneExpiredReports, RunNotFoundError, type AttemptReport } from '../../src/index.js';
import { memoryOfJob } from '../../src/retry/oom-memory.js';
import { failPod, jobsNamespace, testBounds, testPipeline, waitingPod, type JobsNamespace } from './jobs-fixture.js';

// Every test here runs on kwok fake nodes: failures are injected by kwok stages (pod-fail, pod-waiting), the
// scheduler is real, and container logs are kwok's canned log file. No container really allocates memory.

let env: JobsNamespace | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

const oomPipeline = testPipeline(`    - name: hungry
      type: dbt
      command: run
      resources: { requests: { memory: 512Mi }, limits: { memory: 1Gi } }`, '  retry: { maxAttempts: 3, backoff: { initialSeconds: 0, jitter: false }, onOOM: { memoryFactor: 2, maxMemory: 4Gi } }');
const oomKilled = failPod(137, { reason: 'OOMKilled', message: '' });

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(500);
  }
}

describe('attempt reports and floe job explain (on kwok)', () => {
  it('on kwok: an injected OOMKilled attempt is retried with twice the memory under retry.onOOM, and list and explain show both attempts after the Jobs\' TTL removed them', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'oom', platformJobs: '{ ttlSecondsAfterFinished: 5 }' });
    const { runner, ns } = env;
    const outcome = await runner.runWithRetries(env.step(oomPipeline, 'hungry'), { runId: 'oom-1', attemptOptions: (attempt) => (attempt === 1 ? oomKilled : {}) });
    expect(outcome.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.failure?.class])).toEqual([[1, 'Failed', 'OOMKilled'], [2, 'Succeeded', undefined]]);
    expect(outcome.attempts[0]!.failure).toMatchObject({ retryable: true, exitCode: 137 });
    expect(outcome.attempts[1]!.report).toMatchObject({ memory: { request: '1Gi', limit: '2Gi' }, memoryRaised: { fromAttempt: 1, from: { request: '512Mi', limit: '1Gi' }, factor: 2 } });

    await until('the TTL controller to delete both Jobs and their pods', async () => {
      const [jobs, pods] = await Promise.all([ns.resources.list('batch/v1', 'Job', { namespace: ns.name }), ns.resources.list('v1', 'Pod', { namespace: ns.name })]);
      return jobs.items.length + pods.items.length === 0 ? true : undefined;
    });
    const [run] = await runner.listRuns(ns.name);
    expect(run).toMatchObject({ runId: 'oom-1', state: 'Succeeded' });
    expect(run!.attempts.map((attempt) => [attempt.attempt, attempt.state, attempt.reason])).toEqual([[1, 'Failed', 'OOMKilled'], [2, 'Succeeded', undefined]]);
    const explanation = await runner.explain(ns.name, 'oom-1');
    expect(explanation.steps).toHaveLength(1);
    expect(explanation.steps[0]!.verdict).toBe('OOMKilled: the step used its 1Gi memory limit (exit 137); retry 2 ran with 2Gi and succeeded');
    expect(explanation.steps[0]!.attempts.map((report) => [report.attempt, report.status, report.memory?.limit])).toEqual([[1, 'Failed', '1Gi'], [2, 'Succeeded', '2Gi']]);
    expect(explanation.steps[0]!.attempts[0]!.containers[0]!.state).toMatchObject({ state: 'terminated', reason: 'OOMKilled', exitCode: 137 });
  });

  it('on kwok: as Dagster\'s op does (one floe job run per attempt, separate processes), attempt 2 reads attempt 1\'s report and gets twice the memory', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'oom-proc' });
    const first = await env.runner.run(env.step(oomPipeline, 'hungry'), { runId: 'oom-proc', attempt: 1, ...oomKilled });
    expect(first.failure).toMatchObject({ class: 'OOMKilled', retryable: true, message: expect.stringContaining('gives the next attempt 2Gi') as unknown });
    const other = new JobRunner(env.ns.client, { bounds: testBounds });
    try {
      const second = await other.run(env.step(oomPipeline, 'hungry'), { runId: 'oom-proc', attempt: 2 });
      expect(second.status).toBe('Succeeded');
      const job = await env.ns.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: env.ns.name, name: second.jobName });
      expect(memoryOfJob(job!)).toEqual({ request: '1Gi', limit: '2Gi' });
    } finally {
      await other.close();
    }
  });

  it('on kwok: without retry.onOOM an injected OOMKilled attempt is not retried, and explain says how to allow it', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'oom-off' });
    const pipeline = testPipeline('    - { name: hungry, type: dbt, command: run }', '  retry: { maxAttempts: 3, backoff: { initialSeconds: 0, jitter: false } }');
    const outcome = await env.runner.runWithRetries(env.step(pipeline, 'hungry'), { runId: 'oom-off', ...oomKilled });
    expect(outcome.attempts).toHaveLength(1);
    expect(outcome.final.failure).toMatchObject({ class: 'OOMKilled', retryable: false });
    expect((await env.runner.explain(env.ns.name, 'oom-off')).steps[0]!.verdict).toContain('not retried: OOMKilled is retried only with retry.onOOM');
  });

  it('on kwok: floe pipeline run\'s path (runPipeline) retries an injected OOMKilled step with more memory and then runs its dependent', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'oom-dag' });
    const pipeline = testPipeline(`    - name: hungry
      type: dbt
      command: run
      resources: { limits: { memory: 1Gi } }
    - { name: after, type: dbt, command: test, dependsOn: [hungry] }`, '  retry: { maxAttempts: 2, backoff: { initialSeconds: 0, jitter: false }, onOOM: { maxMemory: 2Gi } }');
    const summary = await env.runner.runPipeline({ platform: env.platform, pipeline }, { runId: 'oom-dag', stepOptions: (step, attempt) => (step.name === 'hungry' && attempt === 1 ? oomKilled : {}) });
    expect(summary.steps.map((step) => [step.step, step.status, step.attempts.length])).toEqual([['hungry', 'Succeeded', 2], ['after', 'Succeeded', 1]]);
    const job = await env.ns.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: env.ns.name, name: summary.steps[0]!.attempts[1]!.jobName });
    expect(memoryOfJob(job!)).toMatchObject({ limit: '2Gi' });
  });

  it('on kwok: a dbt error is explained from the termination summary and the last log lines, with the credential value redacted', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'dbt-err' });
    const pipeline = testPipeline('    - { name: build, type: dbt, command: build }');
    const marker = `dbt-err-${Date.now()}`;
    const logsFile = inject('floeClusterLogsFile');
    appendFileSync(logsFile, formatCriLogLine(`${marker} connecting to the warehouse with password dummy`, new Date()));
    appendFileSync(logsFile, formatCriLogLine(`${marker} Database Error in model orders (models/orders.sql): column "amount" does not exist`, new Date()));
    const summary = JSON.stringify({ outcome: 'failed', exitCode: 1, failureClass: 'application', tool: 'dbt', failed: ['model.shop.orders'], message: 'dbt build failed: 1 error' });
    const result = await env.runner.run(env.step(pipeline, 'build'), { runId: 'dbt-err', attempt: 1, ...failPod(1, { message: summary }) });
    expect(result.failure?.class).toBe('AppError');

    const [step] = (await env.runner.explain(env.ns.name, 'dbt-err', { step: 'build' })).steps;
    expect(step!.verdict).toBe('AppError: model.shop.orders failed (exit 1): dbt build failed: 1 error; not retried: no attempts left (retry.maxAttempts)');
    const report = step!.attempts[0]!;
    const lines = report.logs?.lines.filter((line) => line.includes(marker));
    expect(lines).toEqual([`${marker} connecting to the warehouse with password [REDACTED]`, `${marker} Database Error in model orders (models/orders.sql): column "amount" does not exist`]);
    expect(report.redaction).toBe('values');
    expect(JSON.stringify(report)).not.toContain('dummy');
  });

  it('on kwok: an unschedulable step is explained by the scheduler\'s FailedScheduling event, within its bound', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'unsched' });
    const pipeline = testPipeline(`    - name: greedy
      type: dbt
      command: run
      resources: { requests: { cpu: "500", memory: 1Gi }, limits: { cpu: "500", memory: 1Gi } }`);
    const result = await env.runner.run(env.step(pipeline, 'greedy'), { runId: 'unsched', attempt: 1 });
    expect(result.failure?.class).toBe('Unschedulable');
    const [step] = (await env.runner.explain(env.ns.name, 'unsched')).steps;
    expect(step!.verdict).toMatch(/^Unschedulable: no node could run the pod: 0\/\d+ nodes are available: .*Insufficient cpu/);
    expect(step!.attempts[0]!.events).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'FailedScheduling', object: expect.stringMatching(/^Pod\//) as unknown })]));
    expect(step!.attempts[0]!.logs).toEqual({ lines: [], unavailable: 'the container never started' });
  });

  it('on kwok: an image that cannot be pulled is explained by the pull failure event, within its bound', async () => {
    // kwok has no kubelet to emit the pull event, so the test emits the one a kubelet would.
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'pull', bounds: { imagePullMs: 20_000 } });
    const { runner, ns } = env;
    const pipeline = testPipeline('    - { name: build, type: dbt, command: build, image: "registry.example/missing:1" }');
    const submitted = await runner.submit(env.step(pipeline, 'build'), { runId: 'pull', attempt: 1, ...waitingPod('ErrImagePull', 'rpc error: not found') });
    const pod = await until('the attempt\'s pod', async () => (await ns.resources.list('v1', 'Pod', { namespace: ns.name, labelSelector: 'floe.dev/run-id=pull' })).items[0]);
    const message = 'Failed to pull image "registry.example/missing:1": registry.example/missing:1: not found';
    await ns.resources.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: `${pod.metadata.name}.pull`, namespace: ns.name }, involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: ns.name, uid: pod.metadata.uid }, reason: 'Failed', message, type: 'Warning', count: 3, source: { component: 'kubelet' }, firstTimestamp: new Date().toISOString(), lastTimestamp: new Date().toISOString() });
    const result = await submitted.result;
    expect(result.failure?.class).toBe('ImagePull');
    const [step] = (await runner.explain(ns.name, 'pull')).steps;
    expect(step!.verdict).toBe(`ImagePull: image registry.example/missing:1 could not be pulled: ${message}; not retried: a wrong image reference or missing pull secret does not fix itself within a retry`);
    expect(step!.attempts[0]!.events).toEqual([expect.objectContaining({ reason: 'Failed', count: 3, message })]);
  });

  it('on kwok: concurrent successes share report batches (the first written at once), explain and list read them after the Jobs\' TTL, and prune deletes expired batches', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'batch', platformJobs: '{ ttlSecondsAfterFinished: 5 }', reportBatching: { intervalMs: 3000 } });
    const { runner, ns } = env;
    const pipeline = testPipeline('    - { name: build, type: dbt, command: build }');
    const runIds = Array.from({ length: 6 }, (_, index) => `batch-${index}`);
    const results = await Promise.all(runIds.map((runId) => runner.run(env!.step(pipeline, 'build'), { runId, attempt: 1 })));
    expect(results.map((result) => [result.status, result.report?.status])).toEqual(runIds.map(() => ['Succeeded', 'Succeeded']));
    const batches = await ns.resources.list('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'floe.dev/record=attempt-report-batch' });
    expect(batches.items.length).toBeGreaterThanOrEqual(1);
    expect(batches.items.length).toBeLessThan(runIds.length);
    expect((await ns.resources.list('v1', 'ConfigMap', { namespace: ns.name, labelSelector: 'floe.dev/record=attempt-report' })).items).toEqual([]);

    await until('the TTL controller to delete the Jobs', async () => ((await ns.resources.list('batch/v1', 'Job', { namespace: ns.name })).items.length === 0 ? true : undefined));
    const explanation = await runner.explain(ns.name, 'batch-3');
    expect(explanation.steps.map((step) => [step.step, step.state, step.attempts.map((report) => report.runId)])).toEqual([['build', 'Succeeded', ['batch-3']]]);
    expect((await runner.listRuns(ns.name)).map((run) => run.runId).sort()).toEqual([...runIds].sort());
    expect(await pruneExpiredReports(ns.resources, ns.name, Date.now() + 30 * 24 * 3600 * 1000)).toBe(batches.items.length);
    await expect(runner.explain(ns.name, 'batch-3')).rejects.toThrow(RunNotFoundError);
  });

  it('on kwok: a report stays within its bound when the pod has a thousand distinct Warning events', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'bound' });
    const pipeline = testPipeline('    - { name: build, type: dbt, command: build }');
    const submitted = await env.runner.submit(env.step(pipeline, 'build'), { runId: 'bound', attempt: 1, ...failPod(1, { delay: '20s' }) });
    const pod = await until('the attempt\'s pod', async () => (await env!.ns.resources.list('v1', 'Pod', { namespace: env!.ns.name, labelSelector: 'floe.dev/run-id=bound' })).items[0]);
    const long = 'x'.repeat(900);
    const creates = Array.from({ length: 1000 }, (_, index) => env!.ns.resources.create({ apiVersion: 'v1', kind: 'Event', metadata: { name: `${pod.metadata.name}.${index}`, namespace: env!.ns.name }, involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: env!.ns.name }, reason: `Reason${index % 40}`, message: `${index} ${long}`, type: 'Warning', count: 1 }));
    await Promise.all(creates);
    const result = await submitted.result;
    const report: AttemptReport | undefined = result.report;
    expect(report?.status).toBe('Failed');
    expect(Buffer.byteLength(JSON.stringify(report))).toBeLessThanOrEqual(attemptReportLimitBytes);
    expect(report?.omitted?.['events']).toBeGreaterThan(0);
  });
});

import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { eventually } from '@floe/local-cluster/testing';
import type { JobObject } from '../../src/attempt/kube-shapes.js';
import { jobsNamespace, testPipeline, type JobsNamespace } from './jobs-fixture.js';

let env: JobsNamespace;
beforeEach(async () => {
  env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'run' });
});
afterEach(async () => {
  await env.dispose();
});

const pipeline = testPipeline(`    - { name: build, type: dbt, command: build, timeoutSeconds: 900 }
    - { name: slow, type: dbt, command: run }`);

describe('running one step', () => {
  it('succeeds with a Job that inherits the platform: ConfigMap envFrom, runtime image, restricted security, backoffLimit 0, TTL and deadline', async () => {
    const submitted = await env.runner.submit(env.step(pipeline, 'build'), { runId: 'ok-1', attempt: 1 });
    expect(submitted).toMatchObject({ created: true, adopted: false, jobName: 'orders-build-ok-1-a1' });
    const result = await submitted.result;
    expect(result).toMatchObject({ status: 'Succeeded', step: 'build', runId: 'ok-1', attempt: 1 });
    expect(result.failure).toBeUndefined();
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const job = (await env.ns.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: env.ns.name, name: submitted.jobName }))!;
    const spec = job.spec as { backoffLimit: number; ttlSecondsAfterFinished: number; activeDeadlineSeconds: number; template: { spec: { securityContext: Record<string, unknown>; containers: { image: string; envFrom: unknown[]; env: { name: string; value?: string }[]; securityContext: Record<string, unknown> }[] } } };
    const container = spec.template.spec.containers[0]!;
    expect(spec.backoffLimit).toBe(0);
    expect(spec.ttlSecondsAfterFinished).toBe(env.platform.spec.jobs.ttlSecondsAfterFinished);
    expect(spec.activeDeadlineSeconds).toBe(900);
    expect(container.image).toBe(env.platform.spec.jobs.image);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'floe-platform-config' } }]);
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.env.find((variable) => variable.name === 'TRACEPARENT')?.value).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('adopts the existing Job when the same run and attempt is submitted twice', async () => {
    const target = env.step(pipeline, 'build');
    const [first, second] = await Promise.all([env.runner.submit(target, { runId: 'twice', attempt: 1 }), env.runner.submit(target, { runId: 'twice', attempt: 1 })]);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(first.jobName).toBe(second.jobName);
    const again = await env.runner.submit(target, { runId: 'twice', attempt: 1 });
    expect(again.adopted).toBe(true);
    expect((await again.result).status).toBe('Succeeded');
    const jobs = await env.ns.resources.list('batch/v1', 'Job', { namespace: env.ns.name });
    expect(jobs.items).toHaveLength(1);
  });

  it('cancels a run: the attempt reports Cancelled and no pod of the run remains', async () => {
    const submitted = await env.runner.submit(env.step(pipeline, 'slow'), { runId: 'cancel-me', attempt: 1, podAnnotations: { 'pod-complete.stage.kwok.x-k8s.io/delay': '10m' } });
    await eventually(
      () => env.ns.resources.list<JobObject>('v1', 'Pod', { namespace: env.ns.name }),
      (pods) => pods.items.some((pod) => (pod.status as { phase?: string } | undefined)?.phase === 'Running'),
      { what: 'the pod to run' },
    );
    const cancelled = await env.runner.cancel(env.ns.name, 'cancel-me', { timeoutMs: 30_000 });
    expect(cancelled).toMatchObject({ cancelled: [submitted.jobName], confirmed: true, remainingPods: [] });
    const result = await submitted.result;
    expect(result.failure).toMatchObject({ class: 'Cancelled', retryable: false });
    const pods = await env.ns.resources.list('v1', 'Pod', { namespace: env.ns.name, labelSelector: 'floe.dev/run-id=cancel-me' });
    expect(pods.items).toHaveLength(0);
  });

  it('reports status and history from the cluster and fetches a finished attempt\'s logs', async () => {
    await env.runner.run(env.step(pipeline, 'build'), { runId: 'hist-1', attempt: 1 });
    const status = await env.runner.status(env.ns.name, 'hist-1');
    expect(status).toMatchObject({ state: 'Succeeded', attempts: [{ step: 'build', attempt: 1, state: 'Succeeded' }] });
    const runs = await env.runner.listRuns(env.ns.name, { pipeline: 'orders' });
    expect(runs.map((run) => [run.runId, run.state])).toContainEqual(['hist-1', 'Succeeded']);
    const lines: string[] = [];
    await env.runner.logs(env.ns.name, 'hist-1', { step: 'build', onLine: (line) => lines.push(line.text) });
    expect(lines.length).toBeGreaterThan(0);
  });
});

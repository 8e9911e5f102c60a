import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadImagesIn } from '@floe/local-cluster';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { jobsNamespace, testPipeline, type JobsNamespace } from '../integration/jobs-fixture.js';

// Real node (kubelet + containerd): the step really allocates memory and the kernel's OOM killer really ends it.
const fixture = join(import.meta.dirname, 'hungry-dbt');
const image = 'localhost/floe-test/hungry-dbt:1';
let env: JobsNamespace;

beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  const jobImage = inject('floeJobImage');
  expect(jobImage, 'set FLOE_JOB_IMAGE to the floe-job image (scripts/test.sh does)').not.toBe('');
  const engine = process.env['CONTAINER_ENGINE'] ?? 'podman';
  execFileSync(engine, ['build', '--network=none', '--build-arg', `FLOE_JOB_IMAGE=${jobImage}`, '-t', image, '-f', join(fixture, 'Containerfile'), fixture], { stdio: ['ignore', 'ignore', 'inherit'] });
  loadImagesIn(inject('floeClusterDir'), [image]);
  env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'oom-real', platformJobs: '{ ttlSecondsAfterFinished: 5 }' });
});
afterAll(async () => {
  await env.dispose();
});

// 400 MiB held on top of dbt's own ~200 MiB: over 512Mi, under 1Gi.
const hungry = testPipeline(`    - name: hungry
      type: dbt
      command: run
      image: ${image}
      env: [{ name: HUNGRY_MIB, value: "400" }]
      resources: { requests: { memory: 256Mi }, limits: { memory: 512Mi } }`, '  retry: { maxAttempts: 2, backoff: { initialSeconds: 0, jitter: false }, onOOM: { memoryFactor: 2, maxMemory: 2Gi } }');

describe('memory-aware retries on the real node', () => {
  it('a step that allocates past its limit is OOMKilled; with retry.onOOM it succeeds on the retry with twice the memory; explain shows both after the Jobs\' TTL', async () => {
    const outcome = await env.runner.runWithRetries(env.step(hungry, 'hungry'), { runId: 'oom-real' });
    expect(outcome.attempts.map((attempt) => [attempt.attempt, attempt.status, attempt.failure?.class])).toEqual([[1, 'Failed', 'OOMKilled'], [2, 'Succeeded', undefined]]);
    expect(outcome.attempts[0]!.failure).toMatchObject({ retryable: true, exitCode: 137 });
    expect(outcome.attempts[1]!.report).toMatchObject({ memory: { request: '512Mi', limit: '1Gi' }, memoryRaised: { fromAttempt: 1, factor: 2 } });

    const deadline = Date.now() + 120_000;
    for (;;) {
      const [jobs, pods] = await Promise.all([env.ns.resources.list('batch/v1', 'Job', { namespace: env.ns.name }), env.ns.resources.list('v1', 'Pod', { namespace: env.ns.name })]);
      if (jobs.items.length + pods.items.length === 0) break;
      if (Date.now() > deadline) throw new Error('the TTL controller did not remove the Jobs and pods');
      await sleep(1000);
    }
    const explanation = await env.runner.explain(env.ns.name, 'oom-real');
    expect(explanation.steps[0]!.verdict).toBe('OOMKilled: the step used its 512Mi memory limit (exit 137); retry 2 ran with 1Gi and succeeded');
    const [first, second] = explanation.steps[0]!.attempts;
    expect([first!.attempt, first!.status, first!.memory?.limit]).toEqual([1, 'Failed', '512Mi']);
    expect([second!.attempt, second!.status, second!.memory?.limit]).toEqual([2, 'Succeeded', '1Gi']);
    // The real kubelet's own words: the container's terminated state, not an injected one.
    expect(first!.containers[0]!.state).toMatchObject({ state: 'terminated', reason: 'OOMKilled', exitCode: 137 });
    expect(first!.node?.name).toBe('floe-node');
    // Read with the test's credentials: the node's pressure conditions at that moment are recorded (none true here).
    expect(first!.node?.unavailable).toBeUndefined();
    expect(first!.node?.conditions).toBeDefined();
  });
});

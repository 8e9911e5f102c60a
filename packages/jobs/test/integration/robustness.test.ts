import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalCluster, type LocalCluster } from '@floe/local-cluster';
import type { AttemptResult } from '../../src/index.js';
import { jobsNamespace, testPipeline, type JobsNamespace } from './jobs-fixture.js';

// A dedicated cluster: this test restarts its API server.
let cluster: LocalCluster;
let env: JobsNamespace;
const results: AttemptResult[] = [];

beforeAll(async () => {
  cluster = await startLocalCluster({ name: 'floe-jobs-chaos', realNode: false, fakeNodes: 2 });
  env = await jobsNamespace(cluster.kubeconfigPath, { prefix: 'chaos', bounds: { podCreateMs: 120_000 }, onResult: (result) => results.push(result), reconcileIntervalMs: 5000 });
}, 180_000);
afterAll(async () => {
  await env?.dispose();
  await cluster?.stop();
});

describe('tracking many jobs through broken watches', () => {
  it('reports every one of 200 jobs exactly once while watches drop every 2 s and the API server restarts', { timeout: 240_000 }, async () => {
    const pipeline = testPipeline('    - { name: load, type: dbt, command: run }');
    const target = env.step(pipeline, 'load');
    const count = 200;
    const submitted = await Promise.all(Array.from({ length: count }, (_, index) => env.runner.submit(target, {
      runId: `chaos-${index}`,
      attempt: 1,
      podAnnotations: { 'pod-complete.stage.kwok.x-k8s.io/delay': `${1 + (index % 8)}s` },
    })));
    const tracker = await env.runner.tracker(env.ns.name);
    const chaos = setInterval(() => {
      for (const watch of tracker.watches()) watch.interrupt();
    }, 2000);
    const restart = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 3000));
      await cluster.restartApiServer({ downtimeMs: 2000 });
    })();
    try {
      const finals = await Promise.all(submitted.map((attempt) => attempt.result));
      await restart;
      const failed = finals.filter((result) => result.status !== 'Succeeded');
      expect(failed.map((result) => `${result.jobName}: ${result.failure?.class} ${result.failure?.reason} ${result.failure?.message}`).slice(0, 5)).toEqual([]);
    } finally {
      clearInterval(chaos);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const names = results.map((result) => result.jobName);
    expect(names).toHaveLength(count);
    expect(new Set(names).size).toBe(count);
    const restarts = tracker.watches().reduce((sum, watch) => sum + watch.stats.restarts, 0);
    expect(restarts).toBeGreaterThan(3);
    console.log(`[robustness] ${count} jobs, watch restarts ${restarts}, relists ${tracker.watches().reduce((sum, watch) => sum + watch.stats.relists, 0)}, requests ${env.ns.client.stats.total}`);
  });
});

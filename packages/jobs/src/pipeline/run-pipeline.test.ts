import { parsePipelineSpec } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { failure, type AttemptResult } from '../attempt/attempt-result.js';
import { runPipelineSteps } from './run-pipeline.js';

const pipeline = parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: p, owner: me }
spec:
  platform: acme
  steps:
    - { name: a, type: dbt, command: run }
    - { name: b, type: dbt, command: run, dependsOn: [a] }
    - { name: c, type: dbt, command: run, dependsOn: [b] }
    - { name: d, type: dbt, command: run, dependsOn: [a] }
    - { name: e, type: dbt, command: run }
`);

const result = (step: string, ok: boolean): AttemptResult => ({
  namespace: 'ns', jobName: step, pipeline: 'p', step, runId: 'r', attempt: 1,
  status: ok ? 'Succeeded' : 'Failed', ...(ok ? {} : { failure: failure('AppError', 'Error', 'boom') }), finishedAt: '',
});

describe('runPipelineSteps', () => {
  it('runs in dependency order within the concurrency limit and skips what depends on a failure', async () => {
    const order: string[] = [];
    let running = 0;
    let peak = 0;
    const summary = await runPipelineSteps(pipeline, async (step) => {
      running++;
      peak = Math.max(peak, running);
      order.push(step.name);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      const final = result(step.name, step.name !== 'b');
      return { attempts: [final], final };
    }, { runId: 'r', concurrency: 2 });
    expect(peak).toBeLessThanOrEqual(2);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order).not.toContain('c');
    expect(summary.steps.map((step) => [step.step, step.status])).toEqual([['a', 'Succeeded'], ['b', 'Failed'], ['c', 'Skipped'], ['d', 'Succeeded'], ['e', 'Succeeded']]);
    expect(summary).toMatchObject({ status: 'Failed', counts: { Succeeded: 3, Failed: 1, Skipped: 1 } });
  });
});

import { cpSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDbtProjectDir, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { runContainer, startContainer } from './container-job.js';
import { containerEngine, examplePipeline, examplePod, examplesDir } from './example-pod.js';

// dbt's own failure and cancellation, not the lakehouse: a DuckDB file in the pod (the example platform
// has a catalog, whose services these containers do not run; orders-pipeline.image-test.ts runs them).
const localWarehouse = { configOverrides: { FLOE_WAREHOUSE_TYPE: 'duckdb', FLOE_WAREHOUSE_PATH: '/var/lib/floe/warehouse.duckdb' } };

// The runtime image with the example project plus the process tests'
// fixtures (a failing test, a slow model) mounted read-only where the image
// keeps the dbt project. Steps of the example pipeline, edited per test.
const engine = containerEngine();
const image = inject('floeJobImage');
const orders = examplePipeline('orders');
const build = orders.spec.steps.find((step) => step.name === 'build-models')!;
const project = join(mkdtempSync(join(tmpdir(), 'floe-image-dbt-')), 'dbt');
const projectMount = ['--volume', `${project}:${defaultDbtProjectDir}:ro`];

beforeAll(() => {
  cpSync(join(examplesDir, 'dbt'), project, { recursive: true });
  cpSync(fileURLToPath(new URL('../fixtures/dbt-extra', import.meta.url)), project, { recursive: true });
});

function dbtStep(name: string, command: string, select: string[]): Step {
  return { ...build, name, command, select } as Step;
}

describe('a failing dbt test in the runtime image', () => {
  it('exits 1 and the mounted termination-message file names the failed test', async () => {
    const { run } = examplePod(orders, dbtStep('build-customers', 'build', ['customers', 'assert_customers_fail']), localWarehouse);
    const result = await runContainer({ engine, image, run, extraArgs: projectMount });
    expect(result.exitCode).toBe(runtimeExitCodes.applicationFailure);
    expect(result.summary).toMatchObject({
      outcome: 'failed',
      exitCode: 1,
      failureClass: 'application',
      built: ['seed.floe_example.customers'],
      failed: ['test.floe_example.assert_customers_fail'],
    });
    // The same summary floe-job logs as a line of its own (the job runner's fallback is the log).
    expect(result.lines.find((line) => line['summary'] !== undefined)?.['summary']).toEqual(result.summary);
  });
});

describe(`${engine} stop (SIGTERM) during a long dbt step`, () => {
  it('exits 143 within the pod\'s grace period with a cancelled termination message', async () => {
    const { run } = examplePod(orders, dbtStep('slow', 'run', ['slow_query']), localWarehouse);
    const container = startContainer({ engine, image, run, extraArgs: projectMount });
    await container.waitForLine((line) => line['event'] === 'LogStartLine' && line['node'] === 'model.floe_example.slow_query');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stopped = Date.now();
    execFileSync(engine, ['stop', '--time', String(run.terminationGracePeriodSeconds), container.name], { stdio: 'ignore' });
    const result = await container.done;
    expect(result.exitCode).toBe(runtimeExitCodes.cancelledBySigterm);
    expect(Date.now() - stopped).toBeLessThan(run.terminationGracePeriodSeconds * 1000);
    expect(result.summary).toMatchObject({ outcome: 'cancelled', exitCode: 143, failureClass: 'cancelled', message: 'cancelled by SIGTERM' });
    expect(result.lines.some((line) => line['source'] === 'dbt' && /CANCEL query model\.floe_example\.slow_query/.test(line.message))).toBe(true);
  });
});

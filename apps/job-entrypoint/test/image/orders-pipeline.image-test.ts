import { platformConfigKeys, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryLakehouse, runContainer, type ContainerResult } from './container-job.js';
import { containerEngine, examplePipeline, examplePlatform, examplePod } from './example-pod.js';
import { startLakehouse, type Lakehouse } from './lakehouse-services.js';

// The example orders pipeline against the local platform's lakehouse: MinIO
// and Apache Iceberg's REST catalog (their stand-in images) on a container
// network under their Services' host names (--add-host: podman's CNI network here has no DNS). Every step runs in its own
// container with its own emptyDirs, as its rendered pod template says, so the
// only way data reaches the next step is through the catalog and the bucket.
const engine = containerEngine();
const image = inject('exampleImage');
const orders = examplePipeline('orders');
const platform = examplePlatform('local/platform.yaml');
// The step pods use the Iceberg warehouse whenever the platform has a catalog.
const configOverrides = { [platformConfigKeys.warehouseType]: 'iceberg' };
let lakehouse: Lakehouse;

async function runStep(step: Step, runId: string, overrides: Readonly<Record<string, string>> = {}): Promise<ContainerResult> {
  const { run } = examplePod(orders, step, { platform, runId, configOverrides: { ...configOverrides, ...overrides } });
  return runContainer({ engine, image, run, network: lakehouse.network, extraArgs: lakehouse.hostArgs });
}

async function runPipeline(runId: string): Promise<Map<string, ContainerResult>> {
  const results = new Map<string, ContainerResult>();
  for (const step of orders.spec.steps) {
    const result = await runStep(step, runId);
    results.set(step.name, result);
    if (result.exitCode !== 0) break;
  }
  return results;
}

function query(sql: string): unknown[][] {
  const { run } = examplePod(orders, orders.spec.steps[0]!, { platform, configOverrides });
  return queryLakehouse(engine, image, [...lakehouse.hostArgs, '--network', lakehouse.network], run.env, sql);
}

const first = new Map<string, ContainerResult>();
beforeAll(async () => {
  lakehouse = startLakehouse(engine, platform, { minio: inject('minioImage'), icebergRest: inject('icebergRestImage'), client: image });
  for (const [name, result] of await runPipeline('run-1')) first.set(name, result);
}, 600_000);
afterAll(() => lakehouse?.stop());

describe('the example orders pipeline, each step in its own container, tables in the Iceberg catalog', () => {
  it('ingests the 12 orders with dlt into the catalog table raw.orders', () => {
    const ingest = first.get('ingest-orders')!;
    expect(ingest.exitCode).toBe(0);
    expect(ingest.summary).toMatchObject({ outcome: 'succeeded', type: 'ingestion', rowsLoaded: { orders: 12 }, tableRows: { orders: 12 } });
  });

  it('builds every model with dbt from the catalog and reports them in the termination message', () => {
    const build = first.get('build-models')!;
    expect(build.exitCode).toBe(0);
    expect(build.summary).toMatchObject({ outcome: 'succeeded', exitCode: 0, tool: 'dbt', command: 'build', failed: [] });
    expect(build.summary?.built).toEqual(expect.arrayContaining([
      'seed.floe_example.customers',
      'model.floe_example.stg_orders',
      'model.floe_example.fct_orders',
      'model.floe_example.dim_customers',
    ]));
  });

  it('passes the quality checks, which read the marts from the catalog', () => {
    expect(first.get('check-marts')).toMatchObject({ exitCode: 0, summary: { outcome: 'succeeded', type: 'quality', counts: { passed: 2, failed: 0 } } });
  });

  it('leaves the marts readable by a later, separate container', () => {
    expect(query('select count(*), sum(order_total) > 0 from main.fct_orders')).toEqual([[12, true]]);
    expect(query('select count(*) from main.dim_customers')).toEqual([[8]]);
  });

  it('merges on a second run instead of duplicating, and a later quality step reads the rebuilt marts', async () => {
    const second = await runPipeline('run-2');
    expect([...second.values()].map((result) => result.exitCode)).toEqual([0, 0, 0]);
    expect(second.get('ingest-orders')?.summary).toMatchObject({ rowsLoaded: { orders: 12 }, tableRows: { orders: 12 } });
    expect(query('select count(*), count(distinct order_id) from raw.orders')).toEqual([[12, 12]]);
    expect(query('select count(*) from main.fct_orders')).toEqual([[12]]);
    const check = await runStep(orders.spec.steps.find((step) => step.name === 'check-marts')!, 'run-3');
    expect(check).toMatchObject({ exitCode: 0, summary: { outcome: 'succeeded', counts: { passed: 2 } } });
  }, 600_000);

  it('lets two concurrent ingestions of one table both finish, or one fail as retryable and pass on retry', async () => {
    const ingest = orders.spec.steps.find((step) => step.name === 'ingest-orders')!;
    const results = await Promise.all([runStep(ingest, 'concurrent-a'), runStep(ingest, 'concurrent-b')]);
    for (const [index, result] of results.entries()) {
      if (result.exitCode === 0) continue;
      expect(result.summary).toMatchObject({ exitCode: runtimeExitCodes.infrastructureFailure, failureClass: 'infrastructure' });
      const retry = await runStep(ingest, `concurrent-retry-${index}`);
      expect(retry.exitCode).toBe(0);
    }
    expect(query('select count(*), count(distinct order_id) from raw.orders')).toEqual([[12, 12]]);
  }, 600_000);

  it('reports unreachable object storage as a retryable infrastructure failure', async () => {
    const storage = new URL(lakehouse.config[platformConfigKeys.storageEndpoint]!);
    const gone = `${storage.protocol}//no-such-${storage.hostname}:${storage.port}`;
    const result = await runStep(orders.spec.steps[0]!, 'storage-gone', { [platformConfigKeys.storageEndpoint]: gone });
    expect(result.exitCode).toBe(runtimeExitCodes.infrastructureFailure);
    expect(result.summary).toMatchObject({ outcome: 'failed', failureClass: 'infrastructure' });
    expect(result.summary?.message).toContain(`the object storage FLOE_STORAGE_ENDPOINT=${gone} is unreachable`);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { queryWarehouse, runContainer, type ContainerResult } from './container-job.js';
import { containerEngine, examplePipeline, examplePod } from './example-pod.js';

// The example orders pipeline, step by step in the example image (runtime
// image + examples/dbt at /opt/floe/dbt), each step run the way its rendered
// pod template says. The steps share one host dir for their emptyDirs, so
// the DuckDB warehouse on the work volume carries over, as on one node.
const engine = containerEngine();
const image = inject('exampleImage');
const orders = examplePipeline('orders');
const hostDir = mkdtempSync(join(tmpdir(), 'floe-image-orders-'));
const results = new Map<string, ContainerResult>();

beforeAll(async () => {
  for (const step of orders.spec.steps) {
    const { run } = examplePod(orders, step, hostDir);
    const result = await runContainer({ engine, image, run });
    results.set(step.name, result);
    if (result.exitCode !== 0) break;
  }
}, 240_000);

describe('the example orders pipeline in the runtime image, run as its pod template says', () => {
  it('ingests the orders with dlt', () => {
    const ingest = results.get('ingest-orders')!;
    expect(ingest.stderr).toBe('');
    expect(ingest.exitCode).toBe(0);
    expect(ingest.summary).toMatchObject({ outcome: 'succeeded', type: 'ingestion', rowsLoaded: { orders: 12 } });
  });

  it('builds every model with dbt and reports them in the termination message', () => {
    const build = results.get('build-models')!;
    expect(build.exitCode).toBe(0);
    expect(build.summary).toMatchObject({ outcome: 'succeeded', exitCode: 0, tool: 'dbt', command: 'build', failed: [] });
    expect(build.summary?.built).toEqual(expect.arrayContaining([
      'seed.floe_example.customers',
      'model.floe_example.stg_orders',
      'model.floe_example.fct_orders',
      'model.floe_example.dim_customers',
    ]));
  });

  it('passes the quality checks', () => {
    expect(results.get('check-marts')).toMatchObject({ exitCode: 0, summary: { outcome: 'succeeded', type: 'quality' } });
  });

  it('leaves the models in the DuckDB warehouse on the work volume', () => {
    const work = join(hostDir, 'volumes', 'work');
    expect(queryWarehouse(engine, image, work, 'warehouse.duckdb', 'select count(*), sum(order_total) > 0 from main.fct_orders')).toEqual([[12, true]]);
    expect(queryWarehouse(engine, image, work, 'warehouse.duckdb', 'select count(*) from main.dim_customers')).toEqual([[8]]);
  });
});

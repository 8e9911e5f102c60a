import { platformConfigKeys, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { queryLakehouse, runContainer, type ContainerResult } from './container-job.js';
import { containerEngine, examplePipeline, examplePlatform, examplePod } from './example-pod.js';
import { startLakehouse, type Lakehouse } from './lakehouse-services.js';

// Concurrent runs of one ingestion step into one Iceberg table, against the local platform's real catalog
// (Apache Iceberg's REST server stand-in) and MinIO: Iceberg's optimistic commits make the losers of a
// race get 409 from the catalog (CommitFailedException for an append/upsert from a stale snapshot,
// AlreadyExistsException for a second create of the table). Each run must either finish or fail as
// floe-job's retryable class (infrastructure, exit 75); a retry then succeeds and the merge on the
// primary key leaves the 12 orders once.
const engine = containerEngine();
const image = inject('exampleImage');
const orders = examplePipeline('orders');
const platform = examplePlatform('local/platform.yaml');
const configOverrides = { [platformConfigKeys.warehouseType]: 'iceberg' };
const ingest: Step = orders.spec.steps.find((step) => step.name === 'ingest-orders')!;
const writers = 3;
let lakehouse: Lakehouse;

async function runIngest(runId: string): Promise<ContainerResult> {
  const { run } = examplePod(orders, ingest, { platform, runId, configOverrides });
  return runContainer({ engine, image, run, network: lakehouse.network, extraArgs: lakehouse.hostArgs });
}

const firstRound: ContainerResult[] = [];
const retries: ContainerResult[] = [];
beforeAll(async () => {
  lakehouse = startLakehouse(engine, platform, { minio: inject('minioImage'), icebergRest: inject('icebergRestImage'), client: image });
  // The same load twice, 3 writers each: the first round races to create the table, the second to commit to it.
  for (const round of ['create', 'commit']) {
    const results = await Promise.all(Array.from({ length: writers }, (_, index) => runIngest(`${round}-${index}`)));
    firstRound.push(...results);
    for (const [index, result] of results.entries()) {
      if (result.exitCode === runtimeExitCodes.infrastructureFailure) retries.push(await runIngest(`${round}-${index}-retry`));
    }
  }
}, 900_000);
afterAll(() => lakehouse?.stop());

describe('concurrent ingestion runs into one Iceberg table', () => {
  it('makes the catalog answer 409 to a losing commit (a real conflict, not a simulated one)', () => {
    expect(lakehouse.catalogLog()).toMatch(/code=409, type=(CommitFailedException|AlreadyExistsException)|CommitFailedException: Requirement failed: branch main has changed/);
  });

  it('either finishes or fails as the retryable infrastructure class with exit 75, never as a configuration or application error', () => {
    for (const result of firstRound) {
      if (result.exitCode === 0) continue;
      expect({ exitCode: result.exitCode, failureClass: result.summary?.failureClass, message: result.summary?.message }).toMatchObject({ exitCode: runtimeExitCodes.infrastructureFailure, failureClass: 'infrastructure' });
    }
  });

  it('succeeds on retry, and the table holds the 12 orders once (merge on the primary key)', () => {
    for (const result of retries) expect(result.exitCode, result.stderr.slice(-500)).toBe(0);
    const { run } = examplePod(orders, ingest, { platform, configOverrides });
    expect(queryLakehouse(engine, image, [...lakehouse.hostArgs, '--network', lakehouse.network], run.env, 'select count(*), count(distinct order_id) from lake.raw.orders')).toEqual([[12, 12]]);
  });
});

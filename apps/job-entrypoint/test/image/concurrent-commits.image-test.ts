import { platformConfigKeys, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startCommitRacer } from './commit-racer.js';
import { queryLakehouse, runContainer, type ContainerResult } from './container-job.js';
import { containerEngine, examplePipeline, examplePlatform, examplePod } from './example-pod.js';
import { startLakehouse, type Lakehouse } from './lakehouse-services.js';

// Concurrent writers of one Iceberg table, against the local platform's real catalog (Apache Iceberg's REST
// server stand-in) and MinIO. Iceberg's optimistic commits make a writer whose base snapshot went stale
// get 409 from the catalog (CommitFailedException, "Requirement failed: branch main has changed"), and a
// second create of one table 409 AlreadyExistsException. floe-job must then either finish correctly or
// fail as its retryable class (infrastructure, exit 75); a retry succeeds and the merge on the primary
// key leaves the 12 orders once — never duplicated.
const engine = containerEngine();
const image = inject('exampleImage');
const orders = examplePipeline('orders');
const platform = examplePlatform('local/platform.yaml');
const configOverrides = { [platformConfigKeys.warehouseType]: 'iceberg' };
const ingest: Step = orders.spec.steps.find((step) => step.name === 'ingest-orders')!;
let lakehouse: Lakehouse;

const podEnv = () => examplePod(orders, ingest, { platform, configOverrides }).run.env;
const networkArgs = () => [...lakehouse.hostArgs, '--network', lakehouse.network];
async function runIngest(runId: string): Promise<ContainerResult> {
  const { run } = examplePod(orders, ingest, { platform, runId, configOverrides });
  return runContainer({ engine, image, run, network: lakehouse.network, extraArgs: lakehouse.hostArgs });
}
const outcome = (result: ContainerResult) => ({ exitCode: result.exitCode, failureClass: result.summary?.failureClass });
const explain = (result: ContainerResult) => `${result.summary?.message ?? ''}\n${result.lines.filter((line) => line.level !== 'info').map((line) => line.message).join('\n').slice(-3000)}\n${result.stderr.slice(-1500)}`;
const countOrders = () => queryLakehouse(engine, image, networkArgs(), podEnv(), 'select count(*), count(distinct order_id) from lake.raw.orders');

const creators: ContainerResult[] = [];
const creatorRetries: ContainerResult[] = [];
let raced: ContainerResult;
let racerCommits = 0;
let retried: ContainerResult;
let afterCreate: unknown[][];
beforeAll(async () => {
  lakehouse = startLakehouse(engine, platform, { minio: inject('minioImage'), icebergRest: inject('icebergRestImage'), client: image });
  // Three first runs at once race to create the namespace and the table, then to commit into it.
  creators.push(...await Promise.all(['create-a', 'create-b', 'create-c'].map(runIngest)));
  for (const [index, result] of creators.entries()) if (result.exitCode !== 0) creatorRetries.push(await runIngest(`create-${index}-retry`));
  afterCreate = countOrders();
  // A run whose merge keeps losing to a writer that commits while it loads.
  const racer = startCommitRacer(engine, image, networkArgs(), podEnv(), 'raw.orders', 'order_id');
  raced = await runIngest('raced');
  racerCommits = await racer.stop();
  retried = await runIngest('raced-retry');
}, 900_000);
afterAll(() => lakehouse?.stop());

describe('concurrent writers of one Iceberg table', () => {
  it('makes the catalog answer 409 to a losing commit (a real conflict, not a simulated one)', () => {
    expect(racerCommits).toBeGreaterThan(0);
    expect(lakehouse.catalogLog()).toMatch(/CommitFailedException: Requirement failed: branch main has changed/);
  });

  it('lets racing first runs finish or fail as the retryable infrastructure class (exit 75), and their retries finish', () => {
    for (const result of creators) {
      if (result.exitCode !== 0) expect(outcome(result), explain(result)).toEqual({ exitCode: runtimeExitCodes.infrastructureFailure, failureClass: 'infrastructure' });
    }
    for (const result of creatorRetries) expect(result.exitCode, explain(result)).toBe(0);
    expect(afterCreate).toEqual([[12, 12]]);
  });

  it('fails a merge that lost its commit as the retryable infrastructure class, naming the conflict, instead of duplicating rows', () => {
    expect(outcome(raced), explain(raced)).toEqual({ exitCode: runtimeExitCodes.infrastructureFailure, failureClass: 'infrastructure' });
    expect(raced.summary?.message).toMatch(/CommitFailed|branch main has changed/);
  });

  it('succeeds on retry, and the table holds the 12 orders once (merge on the primary key)', () => {
    expect(retried.exitCode, explain(retried)).toBe(0);
    expect(countOrders()).toEqual([[12, 12]]);
  });
});

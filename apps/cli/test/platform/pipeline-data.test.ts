import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localPlatform, localPlatformFile } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: every step below is its own Job and pod on floe-node; the only thing they share is the
// platform — Iceberg tables in the catalog (iceberg-rest on PostgreSQL) with files in MinIO.
const platform = localPlatform();
const kubeconfig = inject('floeKubeconfig');
const scratch = mkdtempSync(join(tmpdir(), 'floe-pipeline-data-'));
const examples = new URL('../../../../examples/local/', import.meta.url).pathname;
beforeAll(() => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function runPipeline(file: string, runId: string): Promise<{ code: number; output: string }> {
  const output = captureOutput();
  const code = await runFloe(['pipeline', 'run', '-f', localPlatformFile, '-p', file, '--kubeconfig', kubeconfig, '--run-id', runId], output);
  return { code, output: output.stdout() + output.stderr() };
}

/** A one-step quality pipeline, its own Job, that fails unless `sql` returns no row. */
function qualityPipeline(name: string, sql: string): string {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, [
    'apiVersion: floe.dev/v1', 'kind: Pipeline', `metadata: { name: ${name}, owner: data-team@acme.example }`, 'spec:', `  platform: ${platform.metadata.name}`,
    '  defaults: { image: "localhost/floe-example:0.1.0" }', '  steps:', '    - name: count', '      type: quality', '      checks:',
    '        - name: expected-rows', `          sql: ${JSON.stringify(sql)}`, '',
  ].join('\n'));
  return file;
}
const suffix = Date.now().toString(36);

describe('the orders pipeline keeps its data in the platform (each step in its own pod)', () => {
  it('runs ingest -> models -> quality as separate pods, leaving 12 rows in fct_orders for a later, separate run', async () => {
    const first = await runPipeline(join(examples, 'orders.yaml'), `first-${suffix}`);
    expect(first.code, first.output).toBe(0);
    const later = await runPipeline(qualityPipeline('count-marts', 'select count(*) as n from main.fct_orders having count(*) <> 12'), `count-${suffix}`);
    expect(later.code, later.output).toBe(0);
    // The check can fail: a count it does not expect makes the same kind of step fail.
    const wrong = await runPipeline(qualityPipeline('count-marts-wrong', 'select count(*) as n from main.fct_orders having count(*) <> 13'), `wrong-${suffix}`);
    expect(wrong.code).not.toBe(0);
  });

  it('a second run merges instead of duplicating', async () => {
    const second = await runPipeline(join(examples, 'orders.yaml'), `second-${suffix}`);
    expect(second.code, second.output).toBe(0);
    const later = await runPipeline(qualityPipeline('count-after-rerun', 'select count(*) as n, count(distinct order_id) as ids from main.fct_orders having count(*) <> 12 or count(distinct order_id) <> 12'), `recount-${suffix}`);
    expect(later.code, later.output).toBe(0);
  });

  it('two concurrent ingestions into one table both finish with the right rows (or one fails retryably and its retry succeeds)', async () => {
    const [a, b] = await Promise.all([
      runPipeline(join(examples, 'ingest-orders.yaml'), `concurrent-a-${suffix}`),
      runPipeline(join(examples, 'ingest-orders.yaml'), `concurrent-b-${suffix}`),
    ]);
    // floe pipeline run retries a retryable failure (exit 75) itself; only a permanent failure ends non-zero.
    expect([a.code, b.code], `${a.output}\n${b.output}`).toEqual([0, 0]);
    const count = await runPipeline(qualityPipeline('count-raw', 'select count(*) as n from raw.orders having count(*) <> 12 or count(distinct order_id) <> 12'), `count-raw-${suffix}`);
    expect(count.code, count.output).toBe(0);
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  exampleDbtProject,
  exampleOrdersCsv,
  makeJobDirs,
  podEnv,
  queryWarehouse,
  runFloeJob,
  type FloeJobResult,
} from './floe-job-process.js';

// The example orders pipeline end to end, in order: ingest, build, check.
const pythonBinDir = inject('pythonBinDir');
const dirs = makeJobDirs('orders');
let build: FloeJobResult;

beforeAll(async () => {
  const ingest = await runFloeJob(
    podEnv(dirs, pythonBinDir, {
      name: 'ingest-orders',
      type: 'ingestion',
      source: { type: 'filesystem', path: exampleOrdersCsv, format: 'csv' },
      dataset: 'raw',
      table: 'orders',
      writeDisposition: 'merge',
      primaryKey: ['order_id'],
    }),
    dirs.terminationLog,
  );
  expect(ingest.exitCode).toBe(0);
  build = await runFloeJob(
    podEnv(dirs, pythonBinDir, { name: 'build-models', type: 'dbt', command: 'build', select: ['+marts'] }),
    dirs.terminationLog,
  );
});

describe('a dbt build step on DuckDB', () => {
  it('succeeds and lists the models it built in the termination message', () => {
    expect(build.exitCode).toBe(0);
    expect(build.summary).toMatchObject({ outcome: 'succeeded', exitCode: 0, type: 'dbt', tool: 'dbt', command: 'build' });
    expect(build.summary?.built).toEqual(
      expect.arrayContaining([
        'seed.floe_example.customers',
        'model.floe_example.stg_orders',
        'model.floe_example.stg_customers',
        'model.floe_example.fct_orders',
        'model.floe_example.dim_customers',
      ]),
    );
    expect(build.summary?.counts).toMatchObject({ success: 5 });
    expect(build.summary?.failed).toEqual([]);
  });

  it('leaves the tables in the DuckDB file', () => {
    expect(queryWarehouse(pythonBinDir, dirs.warehouse, 'select count(*), sum(order_total) > 0 from main.fct_orders')).toEqual([[12, true]]);
    expect(queryWarehouse(pythonBinDir, dirs.warehouse, 'select count(*) from main.dim_customers')).toEqual([[8]]);
  });

  it('logs JSON lines with the step and run id, dbt events wrapped', () => {
    expect(build.lines.every((line) => line.step === 'build-models' && line.runId === 'run-0001' && typeof line.timestamp === 'string')).toBe(true);
    expect(build.lines.some((line) => line.source === 'dbt' && line.event === 'MainReportVersion')).toBe(true);
    expect(build.stderr).toBe('');
  });

  it('writes nothing into the (read-only) project dir', () => {
    expect(existsSync(join(exampleDbtProject, 'target'))).toBe(false);
    expect(existsSync(join(exampleDbtProject, 'logs'))).toBe(false);
    expect(existsSync(join(dirs.work, 'dbt/target/run_results.json'))).toBe(true);
  });
});

describe('a quality step on the built marts', () => {
  const checks = [
    { name: 'no-negative-totals', sql: 'select * from main.fct_orders where order_total < 0' },
    { name: 'every-order-has-a-customer', sql: 'select * from main.fct_orders where customer_id is null', severity: 'warn' },
  ];

  it('passes when every check returns no rows', async () => {
    const result = await runFloeJob(podEnv(dirs, pythonBinDir, { name: 'check-marts', type: 'quality', checks }), dirs.terminationLog);
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ outcome: 'succeeded', counts: { passed: 2, failed: 0, warned: 0 }, failed: [] });
  });

  it('fails as an application failure naming the failed check, and only reports failed warn checks', async () => {
    const failing = [
      ...checks,
      { name: 'orders-are-small', sql: 'select * from main.fct_orders where order_total > 100' },
      { name: 'only-completed', sql: "select * from main.fct_orders where status <> 'completed'", severity: 'warn' },
    ];
    const result = await runFloeJob(podEnv(dirs, pythonBinDir, { name: 'check-marts', type: 'quality', checks: failing }), dirs.terminationLog);
    expect(result.exitCode).toBe(1);
    expect(result.summary).toMatchObject({
      outcome: 'failed',
      failureClass: 'application',
      failed: ['orders-are-small'],
      warned: ['only-completed'],
      counts: { passed: 2, failed: 1, warned: 1 },
    });
    expect(result.summary?.message).toContain('check orders-are-small found 3 violating rows');
  });

  it('passes when only warn checks fail', async () => {
    const warnOnly = [{ name: 'only-completed', sql: "select * from main.fct_orders where status <> 'completed'", severity: 'warn' }];
    const result = await runFloeJob(podEnv(dirs, pythonBinDir, { name: 'check-marts', type: 'quality', checks: warnOnly }), dirs.terminationLog);
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ outcome: 'succeeded', warned: ['only-completed'] });
  });
});

import { describe, expect, inject, it } from 'vitest';
import { exampleOrdersCsv, makeJobDirs, podEnv, queryWarehouse, runFloeJob } from './floe-job-process.js';

const pythonBinDir = inject('pythonBinDir');
const dirs = makeJobDirs('ingest');

function ingest(table: string, writeDisposition: string, primaryKey: string[] = []) {
  const env = podEnv(dirs, pythonBinDir, {
    name: `ingest-${table.replaceAll('_', '-')}`,
    type: 'ingestion',
    source: { type: 'filesystem', path: exampleOrdersCsv, format: 'csv' },
    dataset: 'raw',
    table,
    writeDisposition,
    primaryKey,
  });
  return runFloeJob(env, dirs.terminationLog);
}

describe('an ingestion step', () => {
  it('loads the sample file into DuckDB and reports the rows loaded', async () => {
    const result = await ingest('orders_once', 'append');
    expect(result.exitCode).toBe(0);
    expect(result.summary).toMatchObject({ outcome: 'succeeded', type: 'ingestion', tool: 'dlt', rowsLoaded: { orders_once: 12 }, tableRows: { orders_once: 12 } });
    expect(queryWarehouse(pythonBinDir, dirs.warehouse, 'select count(*), sum(quantity) from raw.orders_once')).toEqual([[12, 29]]);
  });

  it.each([
    ['replace', [], 12],
    ['append', [], 24],
    ['merge', ['order_id'], 12],
  ] as const)('run twice with %s keeps the configured rows', async (disposition, key, expected) => {
    const table = `orders_${disposition}`;
    expect((await ingest(table, disposition, [...key])).exitCode).toBe(0);
    const result = await ingest(table, disposition, [...key]);
    expect(result.exitCode).toBe(0);
    expect(result.summary?.rowsLoaded).toEqual({ [table]: 12 });
    expect(result.summary?.tableRows).toEqual({ [table]: expected });
  });

  it('fails as an application failure when the source file does not exist', async () => {
    const env = podEnv(dirs, pythonBinDir, {
      name: 'ingest-missing',
      type: 'ingestion',
      source: { type: 'filesystem', path: '/nonexistent/orders.csv', format: 'csv' },
      dataset: 'raw',
      table: 'missing',
    });
    const result = await runFloeJob(env, dirs.terminationLog);
    expect(result.exitCode).toBe(1);
    expect(result.summary).toMatchObject({ failureClass: 'application', message: 'source file /nonexistent/orders.csv does not exist' });
  });
});

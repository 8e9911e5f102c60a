import { spawn } from 'node:child_process';

/** A writer committing to one Iceberg table in a loop until stopped. */
export interface CommitRacer {
  /** Resolves with the number of snapshots it committed once it has stopped. */
  stop(): Promise<number>;
}

// pyiceberg (the image's) appends a sentinel row and deletes it again, as fast as the catalog takes commits:
// two new snapshots per round, the table's rows unchanged at the end. Every other writer that loaded the
// table before one of these commits and commits after it gets 409 CommitFailedException.
const racerScript = [
  'import os, sys, time, pyarrow as pa',
  'from pyiceberg.catalog.rest import RestCatalog',
  'from pyiceberg.expressions import EqualTo',
  'catalog = RestCatalog("lake", **{"uri": os.environ["FLOE_CATALOG_URI"], "warehouse": os.environ["FLOE_CATALOG_WAREHOUSE"],',
  '  "credential": os.environ["FLOE_CATALOG_CLIENT_ID"] + ":" + os.environ["FLOE_CATALOG_CLIENT_SECRET"], "scope": "PRINCIPAL_ROLE:ALL",',
  '  "s3.endpoint": os.environ["FLOE_STORAGE_ENDPOINT"], "s3.access-key-id": os.environ["FLOE_STORAGE_ACCESS_KEY_ID"],',
  '  "s3.secret-access-key": os.environ["FLOE_STORAGE_SECRET_ACCESS_KEY"], "s3.path-style-access": "true", "s3.region": os.environ["FLOE_STORAGE_REGION"]})',
  'table = catalog.load_table(sys.argv[1])',
  'schema = table.schema().as_arrow()',
  'samples = {pa.types.is_string: "racer", pa.types.is_large_string: "racer", pa.types.is_integer: -1, pa.types.is_floating: -1.0, pa.types.is_boolean: False}',
  'def sample(field):',
  '    if field.name == sys.argv[2]: return -1',
  '    return next((value for test, value in samples.items() if test(field.type)), None) if not field.nullable else None',
  'row = pa.Table.from_pylist([{field.name: sample(field) for field in schema}], schema=schema)',
  'commits = 0',
  'while not os.path.exists("/tmp/stop"):',
  '    table = catalog.load_table(sys.argv[1])',
  '    table.append(row); table.delete(EqualTo(sys.argv[2], -1)); commits += 2',
  'print(commits, flush=True)',
].join('\n');

/** Starts the racer on `table` (namespace.table), whose integer column `keyColumn` never holds -1. */
export function startCommitRacer(engine: string, image: string, networkArgs: readonly string[], env: Readonly<Record<string, string>>, table: string, keyColumn: string): CommitRacer {
  const name = `floe-commit-racer-${Math.random().toString(16).slice(2, 10)}`;
  const envArgs = Object.entries(env).flatMap(([key, value]) => ['--env', `${key}=${value}`]);
  const child = spawn(engine, ['run', '--rm', '--name', name, ...networkArgs, '--read-only', '--tmpfs', '/tmp', '--env', 'HOME=/tmp', ...envArgs, '--entrypoint', 'python', image, '-c', racerScript, table, keyColumn], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    async stop() {
      spawn(engine, ['exec', name, 'touch', '/tmp/stop'], { stdio: 'ignore' });
      const code = await exited;
      if (code !== 0) throw new Error(`the commit racer exited ${code}: ${stderr.slice(-1500)}`);
      return Number(stdout.trim());
    },
  };
}

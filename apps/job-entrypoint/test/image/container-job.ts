import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { StepSummary } from '../../src/summary/step-summary.js';
import type { PodRun } from './pod-run-args.js';
import { JsonLogFollower, type LogLine } from '../json-log-follower.js';

export interface ContainerResult {
  readonly exitCode: number | null;
  readonly lines: LogLine[];
  readonly stderr: string;
  readonly summary: StepSummary | undefined;
  readonly terminationMessage: string;
}

export interface RunningContainer {
  readonly name: string;
  readonly child: ChildProcess;
  readonly done: Promise<ContainerResult>;
  /** Resolves with the first log line matching `predicate`; rejects when the container ends without one. */
  waitForLine(predicate: (line: LogLine) => boolean): Promise<LogLine>;
}

export interface ContainerOptions {
  readonly engine: string;
  readonly image: string;
  readonly run: PodRun;
  /** Flags beyond the pod's, e.g. a dbt project mounted over the image's. */
  readonly extraArgs?: readonly string[];
  /** The container network with the platform's services (see `startLakehouse`); default none. */
  readonly network?: string;
}

/**
 * Starts the image with the pod's run flags (see `podRunArgs`). Without a
 * network unless one is given: then only the services on it are reachable
 * (the OTLP export fails at once and is only logged).
 */
export function startContainer(options: ContainerOptions): RunningContainer {
  const name = `floe-image-test-${randomBytes(4).toString('hex')}`;
  const args = ['run', '--rm', '--name', name, '--network', options.network ?? 'none', ...options.run.args, ...(options.extraArgs ?? []), options.image];
  const child = spawn(options.engine, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const follower = new JsonLogFollower(child.stdout);
  const { lines } = follower;
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<ContainerResult>((resolve) => {
    child.on('close', (exitCode) => {
      follower.end(`container exited ${exitCode} (${stderr.trim().slice(-300)})`);
      const terminationMessage = readFileSync(options.run.terminationMessageFile, 'utf8');
      resolve({
        exitCode,
        lines,
        stderr,
        summary: terminationMessage ? (JSON.parse(terminationMessage) as StepSummary) : undefined,
        terminationMessage,
      });
    });
  });
  return {
    name,
    child,
    done,
    waitForLine: (predicate) => follower.waitForLine(predicate),
  };
}

/** Runs the container to the end. */
export function runContainer(options: ContainerOptions): Promise<ContainerResult> {
  return startContainer(options).done;
}

/**
 * Runs SQL against the lakehouse from a fresh container of `image` with
 * `networkArgs` (no shared disk with any step): the floe-job image's own Python
 * attaches the catalog as floe-job's helpers do (python/floe_lakehouse.py)
 * with the pod's environment `env` (ConfigMap data and credentials).
 */
export function queryLakehouse(engine: string, image: string, networkArgs: readonly string[], env: Readonly<Record<string, string>>, sql: string): unknown[][] {
  const script = [
    'import json, os, sys',
    "sys.path.insert(0, '/opt/floe/job-entrypoint/python')",
    'import floe_lakehouse',
    'warehouse = {"type": "iceberg", "extensionDir": os.environ["FLOE_DUCKDB_EXTENSION_DIR"],',
    '  "catalog": {"uri": os.environ["FLOE_CATALOG_URI"], "warehouse": os.environ["FLOE_CATALOG_WAREHOUSE"], "oauth2ServerUri": os.environ["FLOE_CATALOG_URI"] + "/v1/oauth/tokens", "scope": "PRINCIPAL_ROLE:ALL", "alias": "lake"},',
    '  "storage": {"endpoint": os.environ["FLOE_STORAGE_ENDPOINT"], "bucket": os.environ["FLOE_STORAGE_BUCKET"], "region": os.environ["FLOE_STORAGE_REGION"], "useSsl": False, "urlStyle": "path"}}',
    'with floe_lakehouse.connect(warehouse, read_only=True) as c:',
    '    print(json.dumps(c.execute(sys.argv[1]).fetchall(), default=str))',
  ].join('\n');
  const envArgs = Object.entries(env).flatMap(([name, value]) => ['--env', `${name}=${value}`]);
  const output = execFileSync(engine, [
    'run', '--rm', ...networkArgs, '--read-only', '--tmpfs', '/tmp', ...envArgs,
    '--entrypoint', 'python', image, '-c', script, sql,
  ], { encoding: 'utf8' });
  return JSON.parse(output) as unknown[][];
}

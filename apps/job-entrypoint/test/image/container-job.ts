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
}

/**
 * Starts the image with the pod's run flags (see `podRunArgs`). No network:
 * the example platform's services do not exist here and no step needs them
 * (the OTLP export then fails at once and is only logged).
 */
export function startContainer(options: ContainerOptions): RunningContainer {
  const name = `floe-image-test-${randomBytes(4).toString('hex')}`;
  const args = ['run', '--rm', '--name', name, '--network', 'none', ...options.run.args, ...(options.extraArgs ?? []), options.image];
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

/** Runs one SQL query against the DuckDB file in `workDir` (mounted read-only) with the image's own Python. */
export function queryWarehouse(engine: string, image: string, workDir: string, file: string, sql: string): unknown[][] {
  const script = 'import duckdb, json, sys\nwith duckdb.connect(sys.argv[1], read_only=True) as c:\n    print(json.dumps(c.execute(sys.argv[2]).fetchall(), default=str))';
  const output = execFileSync(engine, [
    'run', '--rm', '--network', 'none', '--read-only', '--volume', `${workDir}:/var/lib/floe:ro`,
    '--entrypoint', 'python', image, '-c', script, `/var/lib/floe/${file}`, sql,
  ], { encoding: 'utf8' });
  return JSON.parse(output) as unknown[][];
}

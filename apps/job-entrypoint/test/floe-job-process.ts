import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StepSummary } from '../src/summary/step-summary.js';
import { JsonLogFollower, type LogLine } from './json-log-follower.js';

export type { LogLine } from './json-log-follower.js';

export const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const exampleDbtProject = join(repoRoot, 'examples/dbt');
export const exampleOrdersCsv = join(repoRoot, 'examples/data/orders.csv');

/** A fresh dir per test: warehouse, work dir, tmp dir and termination message live in it. */
export interface JobDirs {
  readonly root: string;
  readonly work: string;
  readonly warehouse: string;
  readonly terminationLog: string;
}

export function makeJobDirs(prefix: string): JobDirs {
  const root = mkdtempSync(join(tmpdir(), `floe-job-${prefix}-`));
  mkdirSync(join(root, 'work'));
  mkdirSync(join(root, 'tmp'));
  return {
    root,
    work: join(root, 'work'),
    warehouse: join(root, 'warehouse.duckdb'),
    terminationLog: join(root, 'termination-log'),
  };
}

/** The pod's environment for `step` (a StepInvocation's `step`), with only what a pod would have. */
export function podEnv(
  dirs: JobDirs,
  pythonBinDir: string,
  step: Record<string, unknown>,
  dbt: Record<string, unknown> = { projectDir: exampleDbtProject },
): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: dirs.root,
    TMPDIR: join(dirs.root, 'tmp'),
    FLOE_STEP: JSON.stringify({ pipeline: 'orders', platform: 'acme-data', dbt, step }),
    FLOE_RUN_ID: 'run-0001',
    FLOE_STEP_NAME: String(step.name),
    FLOE_PIPELINE: 'orders',
    FLOE_PLATFORM: 'acme-data',
    FLOE_ENVIRONMENT: 'test',
    FLOE_WAREHOUSE_TYPE: 'duckdb',
    FLOE_WAREHOUSE_PATH: dirs.warehouse,
    FLOE_WORK_DIR: dirs.work,
    FLOE_PYTHON_BIN_DIR: pythonBinDir,
    FLOE_TERMINATION_MESSAGE_PATH: dirs.terminationLog,
  };
}

export interface FloeJobResult {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly lines: LogLine[];
  readonly summary: StepSummary | undefined;
  readonly terminationMessage: string;
  readonly durationMs: number;
}

export interface RunningFloeJob {
  readonly child: ChildProcess;
  readonly done: Promise<FloeJobResult>;
  /** Resolves with the first log line matching `predicate`. */
  waitForLine(predicate: (line: LogLine) => boolean): Promise<LogLine>;
}

/** Spawns the built floe-job with exactly `env`. */
export function startFloeJob(env: Record<string, string>, terminationLog: string): RunningFloeJob {
  const started = Date.now();
  const child = spawn(process.execPath, [builtCli], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const follower = new JsonLogFollower(child.stdout, (text) => (stdout += text));
  const { lines } = follower;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<FloeJobResult>((resolve) => {
    child.on('close', (exitCode) => {
      follower.end(`floe-job exited ${exitCode}`);
      let terminationMessage = '';
      try {
        terminationMessage = readFileSync(terminationLog, 'utf8');
      } catch {
        // none written
      }
      resolve({
        exitCode,
        stdout,
        stderr,
        lines,
        summary: terminationMessage ? (JSON.parse(terminationMessage) as StepSummary) : undefined,
        terminationMessage,
        durationMs: Date.now() - started,
      });
    });
  });
  return {
    child,
    done,
    waitForLine: (predicate) => follower.waitForLine(predicate),
  };
}

/** Runs floe-job to the end. */
export function runFloeJob(env: Record<string, string>, terminationLog: string): Promise<FloeJobResult> {
  return startFloeJob(env, terminationLog).done;
}

/** Runs one SQL query against a DuckDB file with the venv's python and returns the rows as JSON. */
export function queryWarehouse(pythonBinDir: string, warehouse: string, sql: string): unknown[][] {
  const script = 'import duckdb, json, sys\nwith duckdb.connect(sys.argv[1], read_only=True) as c:\n    print(json.dumps(c.execute(sys.argv[2]).fetchall(), default=str))';
  return JSON.parse(execFileSync(join(pythonBinDir, 'python'), ['-c', script, warehouse, sql], { encoding: 'utf8' })) as unknown[][];
}

/** Creates an empty DuckDB file. */
export function createWarehouse(pythonBinDir: string, warehouse: string): void {
  execFileSync(join(pythonBinDir, 'python'), ['-c', 'import duckdb, sys; duckdb.connect(sys.argv[1]).close()', warehouse]);
}

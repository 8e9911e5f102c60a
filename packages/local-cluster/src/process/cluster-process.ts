import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';

/** A control-plane process running in its own process group, output in `<dir>/logs/<name>.log`. */
export interface ClusterProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  readonly child: ChildProcess;
  /** Set once the process exited (with its code or signal). */
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
}

/** Starts `binary args` detached in a new process group, so stop() can end it and everything it spawned. */
export function startClusterProcess(name: string, binary: string, args: readonly string[], logDir: string, env: NodeJS.ProcessEnv = {}): ClusterProcess {
  const logFile = join(logDir, `${name}.log`);
  const fd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  } finally {
    closeSync(fd);
  }
  if (child.pid === undefined) throw new LocalClusterError('CLUSTER_PROCESS_FAILED', `cannot start ${name} (${binary}); build the binaries with packages/local-cluster/scripts/build-binaries.sh`);
  // The cluster outlives no one: the handle does not keep the event loop alive.
  child.unref();
  const started: ClusterProcess = { name, pid: child.pid, logFile, child, exited: undefined };
  child.on('exit', (code, signal) => {
    started.exited = { code, signal };
  });
  child.on('error', () => {
    started.exited = { code: null, signal: null };
  });
  return started;
}

/** The last lines of a process's log, for error messages. */
export function logTail(process: ClusterProcess, lines = 15): string {
  try {
    return readFileSync(process.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

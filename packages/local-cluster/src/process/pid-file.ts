import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** One process a cluster started: its name and process-group id. */
export interface RecordedProcess {
  readonly name: string;
  readonly pid: number;
}

/** The pid file of a cluster directory: every process group of the cluster, add-ons started later included. */
export const clusterPidFileName = 'cluster.pids.json';

/** True when a process with this pid exists (signal 0 probes without killing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records the processes of a cluster, so a later start (or `floe dev down`) can end them after a crash. */
export function writePidFile(path: string, processes: readonly RecordedProcess[]): void {
  writeFileSync(path, `${JSON.stringify({ processes }, null, 2)}\n`);
}

/**
 * Adds (or replaces, by name) one process in a cluster's pid file: for a
 * process started after the cluster by another command (the registry
 * forwarder of `floe dev registry`), so the cluster's stop ends it too.
 */
export function recordProcess(path: string, entry: RecordedProcess): void {
  writePidFile(path, [...readPidFile(path).filter((recorded) => recorded.name !== entry.name), entry]);
}

/** Removes a process from a pid file by name (after it was ended). */
export function forgetProcess(path: string, name: string): void {
  writePidFile(path, readPidFile(path).filter((recorded) => recorded.name !== name));
}

export function readPidFile(path: string): RecordedProcess[] {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { processes: RecordedProcess[] }).processes;
  } catch {
    return [];
  }
}

/**
 * Ends every process group recorded in a pid file (SIGTERM, then SIGKILL
 * after `graceMs`) and removes the file. Used by stop() and to clean up
 * after a crashed run.
 */
export async function killRecorded(path: string, graceMs = 1500): Promise<RecordedProcess[]> {
  const recorded = readPidFile(path);
  await killProcessGroups(recorded.map((entry) => entry.pid), graceMs);
  rmSync(path, { force: true });
  return recorded;
}

/** SIGTERM to each process group, wait up to `graceMs` for them to go, then SIGKILL what is left. */
export async function killProcessGroups(pids: readonly number[], graceMs: number): Promise<void> {
  const signalGroup = (pid: number, signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
  };
  for (const pid of pids) signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 50));
  for (const pid of pids) if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  const killDeadline = Date.now() + 2000;
  while (Date.now() < killDeadline && pids.some(isAlive)) await new Promise((resolve) => setTimeout(resolve, 20));
}

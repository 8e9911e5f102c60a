import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { clusterPidFileName, readPidFile } from '../process/pid-file.js';

/**
 * Freezes one process of a running local cluster (SIGSTOP to its process
 * group) for `ms`, then lets it go on (SIGCONT): the process keeps its
 * sockets, so its clients see a server that stops answering rather than one
 * that refuses — what a briefly unreachable API server looks like from a pod.
 * The process is resumed even when the wait is interrupted.
 */
export async function pauseClusterProcess(clusterDir: string, name: string, ms: number): Promise<void> {
  const recorded = readPidFile(join(clusterDir, clusterPidFileName)).find((entry) => entry.name === name);
  if (!recorded) throw new Error(`no process ${name} in ${join(clusterDir, clusterPidFileName)}`);
  process.kill(-recorded.pid, 'SIGSTOP');
  try {
    await sleep(ms);
  } finally {
    process.kill(-recorded.pid, 'SIGCONT');
  }
}

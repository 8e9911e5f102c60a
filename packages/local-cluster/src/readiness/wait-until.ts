import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, type ClusterProcess } from '../process/cluster-process.js';
import { LocalClusterError } from '../local-cluster-error.js';

/**
 * Polls `check` until it returns true. Fails at once, with the log tail,
 * when a process it depends on exits, and after `timeoutMs` otherwise.
 */
export async function waitUntil(what: string, check: () => Promise<boolean>, options: { timeoutMs: number; processes?: readonly ClusterProcess[]; intervalMs?: number }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    for (const process of options.processes ?? []) {
      if (process.exited) {
        throw new LocalClusterError('CLUSTER_PROCESS_EXITED', `${process.name} exited (${process.exited.code ?? process.exited.signal}) while waiting for ${what}; last lines of ${process.logFile}:\n${logTail(process)}`);
      }
    }
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) {
      const logs = (options.processes ?? []).map((process) => `--- ${process.logFile}\n${logTail(process, 8)}`).join('\n');
      // A slow start (a busy machine) may pass when tried again: retryable, as the exit-code table says of timeouts.
      throw new LocalClusterError('CLUSTER_START_TIMEOUT', `timed out after ${options.timeoutMs} ms waiting for ${what}${logs ? `\n${logs}` : ''}`, { category: 'unavailable' });
    }
    await sleep(options.intervalMs ?? 100);
  }
}

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';
import { clusterPidFileName, isAlive, readPidFile } from '../process/pid-file.js';
import { nodeNetwork } from './node-network.js';

/** Records which cluster directory owns the machine's real node (tmpfs: gone after a reboot, as the node is). */
export const hostLockFile = '/run/floe-real-node.json';

interface LockOwner {
  readonly clusterDir: string;
  readonly pid: number;
}

/**
 * True while the cluster that owns the real node runs: the process that took
 * the lock (a test run), or any process of the cluster's pid file — `floe dev
 * up` exits once its cluster runs in the background, so its own pid says nothing.
 */
export function lockOwnerRuns(owner: LockOwner): boolean {
  if (!existsSync(owner.clusterDir)) return false;
  return isAlive(owner.pid) || readPidFile(join(owner.clusterDir, clusterPidFileName)).some((recorded) => isAlive(recorded.pid));
}

/**
 * Takes the machine's real-node lock for `clusterDir`. A running owner is
 * never touched (typed REAL_NODE_BUSY); a crashed owner's host changes are
 * undone by `cleanUpStale` first.
 */
export async function takeHostLock(clusterDir: string, cleanUpStale: (ownerDir: string) => Promise<unknown>, lockFile = hostLockFile): Promise<void> {
  if (existsSync(lockFile)) {
    const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
    if (owner.clusterDir !== clusterDir && lockOwnerRuns(owner)) {
      throw new LocalClusterError('REAL_NODE_BUSY', `this machine's real node belongs to the running cluster in ${owner.clusterDir} (its API server holds ${nodeNetwork.nodeIp}:${nodeNetwork.apiServerPort}); stop that one first (floe dev down, or the run that started it), or start a kwok-only cluster with --no-real-node`, { category: 'unavailable' });
    }
    if (owner.clusterDir !== clusterDir) await cleanUpStale(owner.clusterDir);
  }
  writeFileSync(lockFile, JSON.stringify({ clusterDir, pid: process.pid } satisfies LockOwner));
}

/** Gives the lock up when `clusterDir` holds it. */
export function releaseHostLock(clusterDir: string, lockFile = hostLockFile): void {
  try {
    const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
    if (owner.clusterDir === clusterDir) rmSync(lockFile, { force: true });
  } catch {
    // No lock.
  }
}

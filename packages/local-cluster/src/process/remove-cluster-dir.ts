import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';
import { unmountUnder } from '../node/node-cleanup.js';

/**
 * Removes a stopped cluster's directory. Whatever is still mounted under it
 * (a pod volume whose process outlived the node) is unmounted first, so the
 * removal never deletes through a mount into another filesystem; what cannot
 * be unmounted fails with the mount points named, not with an internal error.
 */
export function removeClusterDir(dir: string): void {
  const stillMounted = unmountUnder([dir]);
  try {
    if (stillMounted.length === 0) {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
  } catch (error) {
    throw new LocalClusterError('CLUSTER_DIR_BUSY', `the cluster is stopped but its directory ${dir} could not be removed (${(error as Error).message}); find what holds it (findmnt -R ${dir}; fuser -vm ${dir}), then run floe dev down again`, { cause: error, category: 'not-ready' });
  }
  throw new LocalClusterError('CLUSTER_DIR_BUSY', `the cluster is stopped but under its directory ${dir} ${stillMounted.join(', ')} stayed mounted; find what holds them (fuser -vm PATH), then run floe dev down again`, { category: 'not-ready' });
}

/**
 * After a failed start: removes the bulky state of a cluster directory (the
 * real node's images, containers and volumes; etcd's data) as removeClusterDir
 * would, and keeps the rest (its logs, for whoever reads the error). Never
 * throws: a part that stays is left for `floe dev down`, and the start's own
 * error is the one to report.
 */
export function removeClusterState(dir: string): void {
  for (const part of ['node', 'etcd']) {
    const path = join(dir, part);
    try {
      if (existsSync(path)) removeClusterDir(path);
    } catch {
      // See above: the start's error wins.
    }
  }
}

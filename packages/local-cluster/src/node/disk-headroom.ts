import { existsSync, readdirSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';

/**
 * The real node's kubelet reports DiskPressure (and the node gets the
 * `node.kubernetes.io/disk-pressure` taint, so no new pod is scheduled) once
 * less than this share of its node or image filesystem is free: its
 * `evictionHard` `nodefs.available` and `imagefs.available` (kubelet.ts).
 */
export const evictionFreePercent = 2;

/** What a real node writes before any image is loaded: its pause and CoreDNS images, etcd's data, logs (a generous bound). */
export const realNodeStartBytes = 2 ** 30;

/** Free and total bytes of the filesystem that holds `path`, as an unprivileged writer sees them (statfs bavail). */
export interface DiskSpace {
  readonly path: string;
  readonly freeBytes: number;
  readonly totalBytes: number;
}

/** statfs of the nearest existing directory of `path` (the path itself may not exist yet). */
export function diskSpaceAt(path: string): DiskSpace {
  let existing = path;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const stats = statfsSync(existing);
  return { path, freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
}

/** What the kubelet keeps free of `space`'s filesystem before it reports DiskPressure. */
export function evictionReserveBytes(space: DiskSpace): number {
  return Math.ceil((space.totalBytes * evictionFreePercent) / 100);
}

const gib = (bytes: number) => (bytes < 2 ** 30 ? `${Math.ceil(bytes / 2 ** 20)} MiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

/**
 * Cluster directories of earlier runs left in the temp directory (a run
 * killed before its stop): `floe-cluster-*` beside `except`. Named in the
 * error, never removed here: one may belong to a cluster still running.
 */
export function leftoverClusterDirs(except: string, root = tmpdir()): string[] {
  try {
    return readdirSync(root).filter((name) => name.startsWith('floe-cluster-')).map((name) => join(root, name)).filter((dir) => dir !== except);
  } catch {
    return [];
  }
}

/**
 * Fails with NOT_ENOUGH_DISK, before anything is written, when writing
 * `neededBytes` at `path` would leave its filesystem under the kubelet's
 * eviction threshold: the node would then report DiskPressure and every
 * pod after it would stay Pending (Unschedulable), which tests and
 * `floe platform deploy` would only see as a time-out. The error says how
 * much is free, what the kubelet keeps back and what to remove.
 */
export function ensureDiskHeadroom(path: string, neededBytes: number, purpose: string, options: { space?: DiskSpace; clusterDir?: string } = {}): void {
  const space = options.space ?? diskSpaceAt(path);
  const reserve = evictionReserveBytes(space);
  if (space.freeBytes - neededBytes >= reserve) return;
  const leftovers = options.clusterDir ? leftoverClusterDirs(options.clusterDir) : [];
  const found = leftovers.length > 0 ? `; there are ${leftovers.length}: ${leftovers.slice(0, 5).join(', ')}${leftovers.length > 5 ? ', ...' : ''}` : '';
  throw new LocalClusterError(
    'NOT_ENOUGH_DISK',
    `${purpose} needs about ${gib(neededBytes)} at ${path}, whose filesystem has ${gib(space.freeBytes)} free of ${gib(space.totalBytes)}; the real node's kubelet reports DiskPressure below ${evictionFreePercent}% free (${gib(reserve)}) and then starts no new pod. Free at least ${gib(reserve + neededBytes - space.freeBytes)} there, then retry: remove images you no longer need (podman image prune) and the cluster directories of earlier runs (FLOE_DEV_DIR=DIR floe dev down stops one and removes its state${found})`,
    { category: 'not-ready' },
  );
}

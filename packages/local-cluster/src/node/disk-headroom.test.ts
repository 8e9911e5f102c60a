import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskSpaceAt, ensureDiskHeadroom, evictionFreePercent, evictionReserveBytes, leftoverClusterDirs } from './disk-headroom.js';

const GiB = 2 ** 30;
const root = mkdtempSync(join(tmpdir(), 'floe-headroom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ensureDiskHeadroom', () => {
  const space = { path: '/x', totalBytes: 100 * GiB, freeBytes: 10 * GiB };

  it('passes while the filesystem stays at or above the kubelet\'s eviction threshold after the write', () => {
    expect(evictionReserveBytes(space)).toBe(Math.ceil((100 * GiB * evictionFreePercent) / 100));
    expect(() => ensureDiskHeadroom('/x', 10 * GiB - evictionReserveBytes(space), 'loading img', { space })).not.toThrow();
  });

  it('fails with NOT_ENOUGH_DISK, the figures and what to remove, one byte past it', () => {
    let thrown: unknown;
    try {
      ensureDiskHeadroom('/var/lib/x', 10 * GiB - evictionReserveBytes(space) + 1, 'loading img into the real node', { space: { ...space, path: '/var/lib/x' } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'NOT_ENOUGH_DISK', category: 'not-ready' });
    const message = (thrown as Error).message;
    expect(message).toContain('loading img into the real node needs about 8.0 GiB at /var/lib/x');
    expect(message).toContain('10.0 GiB free of 100.0 GiB');
    expect(message).toContain(`below ${evictionFreePercent}% free (2.0 GiB)`);
    expect(message).toContain('podman image prune');
  });

  it('names the cluster directories earlier runs left in the temp directory, not its own', () => {
    const mine = join(root, 'floe-cluster-mine');
    for (const name of ['floe-cluster-mine', 'floe-cluster-old1', 'floe-host-x']) mkdirSync(join(root, name));
    expect(leftoverClusterDirs(mine, root)).toEqual([join(root, 'floe-cluster-old1')]);
    expect(leftoverClusterDirs(mine, join(root, 'missing'))).toEqual([]);
  });
});

describe('diskSpaceAt', () => {
  it('reads the filesystem of the nearest existing directory of a path not yet made', () => {
    const space = diskSpaceAt(join(root, 'not', 'yet', 'there'));
    expect(space.path).toBe(join(root, 'not', 'yet', 'there'));
    expect(space.totalBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeGreaterThan(0);
    expect(space.freeBytes).toBeLessThanOrEqual(space.totalBytes);
  });
});

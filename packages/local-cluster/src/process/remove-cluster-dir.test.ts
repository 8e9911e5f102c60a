import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountsUnder } from '../node/node-cleanup.js';
import { removeClusterDir, removeClusterState } from './remove-cluster-dir.js';

// Real mounts on this host (tmpfs; the suite runs as root, as the real node does).
describe('removeClusterDir (host mounts, root)', () => {
  it('removes a stopped cluster directory that still has a pod volume mounted twice on one point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-rmdir-'));
    const volume = join(dir, 'node', 'kubelet', 'pods', 'uid', 'volumes', 'token');
    mkdirSync(volume, { recursive: true });
    // Stacked mounts, as a shared bind leaves them: one umount per mount is needed.
    execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', volume]);
    execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', volume]);
    writeFileSync(join(volume, 'token'), 'secret');
    expect(mountsUnder([dir])).toEqual([volume, volume]);

    removeClusterDir(dir);

    expect(existsSync(dir)).toBe(false);
    expect(mountsUnder([dir])).toEqual([]);
  });

  it('is a no-op for a directory that is already gone', () => {
    expect(() => removeClusterDir(join(tmpdir(), 'floe-never-created'))).not.toThrow();
  });
});

describe('removeClusterState (host mounts, root)', () => {
  it('removes the node\'s and etcd\'s state, a mount under it included, and keeps the logs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-rmstate-'));
    const snapshots = join(dir, 'node', 'containerd', 'root', 'snapshots');
    mkdirSync(snapshots, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', 'tmpfs', snapshots]);
    mkdirSync(join(dir, 'etcd', 'member'), { recursive: true });
    mkdirSync(join(dir, 'logs'));
    writeFileSync(join(dir, 'logs', 'kubelet.log'), 'why it failed');

    removeClusterState(dir);

    expect(existsSync(join(dir, 'node'))).toBe(false);
    expect(existsSync(join(dir, 'etcd'))).toBe(false);
    expect(existsSync(join(dir, 'logs', 'kubelet.log'))).toBe(true);
    expect(mountsUnder([dir])).toEqual([]);
    removeClusterDir(dir);
  });
});

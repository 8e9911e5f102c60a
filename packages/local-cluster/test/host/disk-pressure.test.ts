import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, statfsSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@floe/kube';
import { startLocalCluster, stopLocalClusterIn } from '../../src/index.js';
import { createTestNamespace, eventually, restrictedContainer, snapshotHost, waitForPod, writeToolboxImage } from '../../src/testing/index.js';
import { evictionFreePercent } from '../../src/node/disk-headroom.js';

// Real node on a filesystem of its own (a tmpfs of a set size), started and stopped by this test alone
// (one real node per machine): run with vitest.real-node-host.config.ts, never beside the real-node suite.
// What it shows is what a full disk did to a CI run: the kubelet reports DiskPressure, the node is tainted,
// and every new pod stays Pending; floe must refuse before that, and say so when it happens anyway.
const root = mkdtempSync(join(tmpdir(), 'floe-disk-'));
const mounted: string[] = [];
afterAll(() => {
  for (const path of mounted.reverse()) execFileSync('umount', ['-l', path]);
  rmSync(root, { recursive: true, force: true });
});

/** A tmpfs of `size` at a new directory: a filesystem whose free space the test controls. */
function smallFilesystem(name: string, size: string): string {
  const path = join(root, name);
  mkdirSync(path);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path]);
  mounted.push(path);
  return path;
}

/** Writes a file that leaves `leavePercent` of the filesystem at `dir` free. */
function fillTo(dir: string, leavePercent: number): string {
  const stats = statfsSync(dir);
  const keep = Math.floor((stats.blocks * stats.bsize * leavePercent) / 100);
  const file = join(dir, 'fill');
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(2 ** 20, 1);
  try {
    for (let free = stats.bavail * stats.bsize; free - chunk.length > keep; free -= chunk.length) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return file;
}

describe('the real node and a full disk', () => {
  it('a start whose filesystem cannot hold the node is refused with NOT_ENOUGH_DISK before the host is touched', async () => {
    const fs = smallFilesystem('tiny', '256m');
    const before = snapshotHost();
    const start = startLocalCluster({ dir: join(fs, 'cluster'), name: 'floe-disk', realNode: true, fakeNodes: 0, keepState: true });
    await expect(start).rejects.toMatchObject({ code: 'NOT_ENOUGH_DISK' });
    await expect(start).rejects.toThrow(`starting the real node needs about 1.0 GiB at ${join(fs, 'cluster')}`);
    expect(snapshotHost()).toEqual(before);
  });

  it('once the node\'s filesystem falls under the kubelet\'s threshold, a pod stays Pending and the time-out says why; loading an image is refused', async () => {
    const fs = smallFilesystem('small', '3g');
    const cluster = await startLocalCluster({ dir: join(fs, 'cluster'), name: 'floe-disk', realNode: true, fakeNodes: 0, keepState: true });
    try {
      const toolbox = writeToolboxImage(root);
      cluster.loadImages([toolbox.archive]);
      fillTo(fs, evictionFreePercent / 2);
      const ns = await createTestNamespace(cluster.kubeconfigPath, { prefix: 'disk', podSecurity: 'restricted' });
      try {
        type Node = KubeObject & { status?: { conditions?: { type: string; status: string }[] } };
        // The kubelet's eviction manager looks every 10 s.
        await eventually(() => ns.resources.get<Node>({ apiVersion: 'v1', kind: 'Node', name: 'floe-node' }), (node) => node?.status?.conditions?.some((c) => c.type === 'DiskPressure' && c.status === 'True') === true, { timeoutMs: 90_000, intervalMs: 1000, what: 'DiskPressure on floe-node' });
        await ns.resources.apply({
          apiVersion: 'v1', kind: 'Pod', metadata: { name: 'late', namespace: ns.name },
          spec: { automountServiceAccountToken: false, containers: [{ name: 'c', image: toolbox.name, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', 'sleep 1'], securityContext: restrictedContainer }] },
        });
        const waited = waitForPod(ns, 'late', undefined, 15_000);
        await expect(waited).rejects.toThrow(/pod late Pending; not scheduled: Unschedulable: 0\/1 nodes are available: 1 node\(s\) had untolerated taint/);
        await expect(waited).rejects.toThrow(/node floe-node: DiskPressure=True \(kubelet has disk pressure\); taint node\.kubernetes\.io\/disk-pressure:NoSchedule/);
        expect(() => cluster.loadImages([toolbox.archive])).toThrow(/NOT_ENOUGH_DISK|kubelet reports DiskPressure below/);
      } finally {
        await ns.dispose();
      }
    } finally {
      await stopLocalClusterIn(cluster.dir, { removeState: true });
    }
  });
});

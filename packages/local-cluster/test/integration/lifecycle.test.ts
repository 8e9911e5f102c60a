import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, startLocalCluster } from '../../src/index.js';

describe('a local cluster', () => {
  it('runs beside another one, cleans up after a crashed predecessor, and leaves no process after stop()', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-lifecycle-'));
    // The shared test cluster runs at the same time: two clusters side by side.
    const crashed = await startLocalCluster({ dir, name: 'crashed', realNode: false, keepState: true });
    const crashedPids = crashed.processes.map((process) => process.pid);
    expect(crashedPids).toHaveLength(5);
    expect(crashedPids.every(isAlive)).toBe(true);
    // Never stopped, as after a crash: the next start in the same dir ends its processes from the pid file.
    const next = await startLocalCluster({ dir, name: 'next', realNode: false });
    expect(crashedPids.some(isAlive)).toBe(false);
    const nextPids = next.processes.map((process) => process.pid);
    expect(nextPids.every(isAlive)).toBe(true);
    await next.stop();
    expect(nextPids.filter(isAlive)).toEqual([]);
  });
});

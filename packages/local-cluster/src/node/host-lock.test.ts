import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterPidFileName, writePidFile } from '../process/pid-file.js';
import { releaseHostLock, takeHostLock } from './host-lock.js';

/** A pid that no process has any more: a child that already exited. */
const deadPid = () => spawnSync('true').pid ?? 0;

function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'floe-host-lock-'));
  const lockFile = join(root, 'real-node.json');
  const owner = join(root, 'owner');
  mkdirSync(owner);
  return { lockFile, owner, other: join(root, 'other') };
}

describe('the real-node host lock (unit, no node)', () => {
  it('refuses a second cluster while the owner started by `floe dev up` runs in the background, without touching it', async () => {
    const { lockFile, owner, other } = setUp();
    // The CLI process that took the lock is gone; the cluster's own processes (here: this test process) still run.
    writeFileSync(lockFile, JSON.stringify({ clusterDir: owner, pid: deadPid() }));
    writePidFile(join(owner, clusterPidFileName), [{ name: 'kube-apiserver', pid: process.pid }]);
    const cleaned: string[] = [];
    await expect(takeHostLock(other, (dir) => Promise.resolve(cleaned.push(dir)), lockFile)).rejects.toMatchObject({ code: 'REAL_NODE_BUSY', category: 'unavailable' });
    expect(cleaned).toEqual([]);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ clusterDir: owner });
  });

  it('cleans up after an owner none of whose processes runs any more, then takes the lock', async () => {
    const { lockFile, owner, other } = setUp();
    writeFileSync(lockFile, JSON.stringify({ clusterDir: owner, pid: deadPid() }));
    writePidFile(join(owner, clusterPidFileName), [{ name: 'kube-apiserver', pid: deadPid() }]);
    const cleaned: string[] = [];
    await takeHostLock(other, (dir) => Promise.resolve(cleaned.push(dir)), lockFile);
    expect(cleaned).toEqual([owner]);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toEqual({ clusterDir: other, pid: process.pid });
    releaseHostLock(owner, lockFile);
    expect(existsSync(lockFile)).toBe(true);
    releaseHostLock(other, lockFile);
    expect(existsSync(lockFile)).toBe(false);
  });
});

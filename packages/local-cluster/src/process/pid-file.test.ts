import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forgetProcess, readPidFile, recordProcess, writePidFile } from './pid-file.js';

const dir = mkdtempSync(join(tmpdir(), 'floe-pids-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recordProcess / forgetProcess', () => {
  it('adds a process started later to the cluster\'s pid file, replaces it by name, and removes it', () => {
    const file = join(dir, 'cluster.pids.json');
    writePidFile(file, [{ name: 'etcd', pid: 101 }, { name: 'kube-apiserver', pid: 102 }]);
    recordProcess(file, { name: 'registry-forwarder', pid: 201 });
    recordProcess(file, { name: 'registry-forwarder', pid: 202 });
    expect(readPidFile(file)).toEqual([{ name: 'etcd', pid: 101 }, { name: 'kube-apiserver', pid: 102 }, { name: 'registry-forwarder', pid: 202 }]);
    forgetProcess(file, 'registry-forwarder');
    expect(readPidFile(file)).toEqual([{ name: 'etcd', pid: 101 }, { name: 'kube-apiserver', pid: 102 }]);
  });
});

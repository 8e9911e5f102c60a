import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVolumeDirectories } from './volume-permissions.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('openVolumeDirectories', () => {
  it('opens each volume directory the provisioner made 0750 to every user, and leaves files alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'floe-pv-'));
    roots.push(root);
    mkdirSync(join(root, 'pvc-1'), { mode: 0o750 });
    chmodSync(join(root, 'pvc-1'), 0o750);
    writeFileSync(join(root, 'stray-file'), '');
    chmodSync(join(root, 'stray-file'), 0o600);
    openVolumeDirectories(root);
    expect(statSync(join(root, 'pvc-1')).mode & 0o777).toBe(0o777);
    expect(statSync(join(root, 'stray-file')).mode & 0o777).toBe(0o600);
  });
});

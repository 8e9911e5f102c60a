import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { exitCodes } from '../exit-codes.js';
import { runFloe } from '../program.js';
import { shellWord } from '../shell-word.js';

describe('floe dev', () => {
  it('prints a kubeconfig path as one shell word, quoted when it has spaces or quotes', () => {
    expect(shellWord('/work/floe/.floe/dev/kubeconfig')).toBe('/work/floe/.floe/dev/kubeconfig');
    expect(shellWord('/home/me/my repo/.floe/dev/kubeconfig')).toBe("'/home/me/my repo/.floe/dev/kubeconfig'");
    expect(shellWord("/tmp/it's/kubeconfig")).toBe("'/tmp/it'\\''s/kubeconfig'");
  });

  it('status exits 3 (not ready) when no cluster runs', async () => {
    const previous = process.env['FLOE_DEV_DIR'];
    process.env['FLOE_DEV_DIR'] = join(mkdtempSync(join(tmpdir(), 'floe dev ')), 'nothing here');
    try {
      const output = captureOutput();
      expect(await runFloe(['dev', 'status'], output)).toBe(exitCodes.notReady);
      expect(output.stdout()).toContain('no local cluster');
    } finally {
      if (previous === undefined) delete process.env['FLOE_DEV_DIR'];
      else process.env['FLOE_DEV_DIR'] = previous;
    }
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

  describe('registry', () => {
    const examples = join(import.meta.dirname, '..', '..', '..', '..', 'examples');
    const inDevDir = async (dir: string, run: () => Promise<void>) => {
      const previous = process.env['FLOE_DEV_DIR'];
      process.env['FLOE_DEV_DIR'] = dir;
      try {
        await run();
      } finally {
        if (previous === undefined) delete process.env['FLOE_DEV_DIR'];
        else process.env['FLOE_DEV_DIR'] = previous;
      }
    };

    it('exits 1 (invalid input) for a platform whose registry is external, saying so', async () => {
      const scratch = mkdtempSync(join(tmpdir(), 'floe-dev-registry-'));
      const file = join(scratch, 'platform.yaml');
      writeFileSync(file, readFileSync(join(examples, 'platform.yaml'), 'utf8').replace('  registry:\n    type: inCluster\n    storage:\n      size: 10Gi\n', '  registry:\n    type: external\n    url: registry.acme.example/floe\n'));
      await inDevDir(join(scratch, 'dev'), async () => {
        const output = captureOutput();
        expect(await runFloe(['dev', 'registry', '-f', file], output)).toBe(exitCodes.invalidInput);
        expect(output.stderr()).toContain('external registry');
      });
    });

    it('exits 3 (not ready) when no local cluster with a real node runs, without writing anything', async () => {
      const dir = join(mkdtempSync(join(tmpdir(), 'floe-dev-registry-')), 'dev');
      await inDevDir(dir, async () => {
        const output = captureOutput();
        expect(await runFloe(['dev', 'registry', '-f', join(examples, 'local', 'platform.yaml')], output)).toBe(exitCodes.notReady);
        expect(output.stderr()).toContain('floe dev up');
      });
    });
  });
});

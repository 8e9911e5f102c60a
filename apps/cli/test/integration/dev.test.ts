import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '@floe/local-cluster';
import { captureOutput } from '../capture-output.js';
import { runFloe } from '../../src/program.js';

const dir = mkdtempSync(join(tmpdir(), 'floe-dev-'));
process.env['FLOE_DEV_DIR'] = dir;
afterAll(async () => {
  await runFloe(['dev', 'down'], captureOutput());
});

// kwok-only (`--no-real-node`): this suite's cluster has kwok nodes; the real node's `floe dev` is tested in apps/cli/test/host.
describe('floe dev --no-real-node', () => {
  it('starts a kwok-only cluster in the background, reports it, reuses it, and stops it without leftovers', async () => {
    const up = captureOutput();
    expect(await runFloe(['dev', 'up', '--no-real-node'], up)).toBe(0);
    expect(up.stdout()).toMatch(/local cluster ready at https:\/\/127\.0\.0\.1:\d+ in [\d.]+ s \(1 kwok fake node\(s\)\)/);
    expect(up.stdout()).toContain(`export KUBECONFIG=${dir}/kubeconfig`);

    const status = captureOutput();
    expect(await runFloe(['dev', 'status'], status)).toBe(0);
    const pids = [...status.stdout().matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
    expect(pids).toHaveLength(5);
    expect(pids.every(isAlive)).toBe(true);

    const again = captureOutput();
    expect(await runFloe(['dev', 'up', '--no-real-node'], again)).toBe(0);
    expect(again.stdout()).toContain('already running');

    const down = captureOutput();
    expect(await runFloe(['dev', 'down'], down)).toBe(0);
    expect(down.stdout()).toBe('stopped 5 processes; host restored\n');
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await runFloe(['dev', 'status'], captureOutput())).toBe(3);
  });
});

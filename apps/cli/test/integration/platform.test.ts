import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from '@floe/local-cluster/testing';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { captureOutput } from '../capture-output.js';
import { runFloe } from '../../src/program.js';

const suffix = randomBytes(3).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'floe-platform-cli-'));
const example = readFileSync(new URL('../../../../examples/platform.yaml', import.meta.url), 'utf8')
  .replace('platform: floe-platform', `platform: cli-p-${suffix}`)
  .replace('jobs: floe-jobs', `jobs: cli-j-${suffix}`);
const platformFile = join(dir, 'platform.yaml');
const changedFile = join(dir, 'platform-changed.yaml');
writeFileSync(platformFile, example);
writeFileSync(changedFile, example.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));

const kube = () => ['--kubeconfig', inject('floeKubeconfig')];
async function floe(...args: string[]) {
  const output = captureOutput();
  const code = await runFloe([...args, ...kube()], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

afterAll(async () => {
  await floe('platform', 'destroy', '-f', platformFile, '--delete-data', '--yes');
});

describe('floe platform, on a real cluster', () => {
  it('deploys, reports healthy status, shows no diff, then a diff for a change, and keeps history', async () => {
    const deployed = await floe('platform', 'deploy', '-f', platformFile);
    expect(deployed.stderr).toBe('');
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/acme-data: \d+ created, 0 configured, 0 unchanged, 0 pruned .* \(revision 1\)/);

    const status = await floe('platform', 'status', '-f', platformFile);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('platform acme-data: healthy (revision 1');

    expect((await floe('platform', 'diff', '-f', platformFile)).code).toBe(0);
    const diff = await floe('platform', 'diff', '-f', changedFile);
    expect(diff.code).toBe(10);
    expect(diff.stdout).toContain('+        verbosity: detailed');

    const json = await floe('platform', 'deploy', '-f', changedFile, '-o', 'json');
    expect(json.code).toBe(0);
    const events = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; action?: string });
    expect(events.filter((event) => event.type === 'applied' && event.action === 'configured')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'done', configured: 2, revision: 2 });

    const history = await floe('platform', 'history', '-f', platformFile);
    expect(history.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('rolls back to a revision', async () => {
    const rolledBack = await floe('platform', 'rollback', '-f', platformFile, '--to', '1');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('restored revision 1 as revision 3');
    expect((await floe('platform', 'diff', '-f', platformFile)).code).toBe(0);
  });

  it('refuses to destroy without confirmation off a terminal, and keeps data unless asked', async () => {
    expect((await floe('platform', 'destroy', '-f', platformFile)).code).toBe(2);
    const destroyed = await floe('platform', 'destroy', '-f', platformFile, '--yes');
    expect(destroyed.code).toBe(0);
    expect(destroyed.stdout).toMatch(/deleted \d+ objects; kept \d+ \(volumes, generated credentials, namespaces/);
    const status = await floe('platform', 'status', '-f', platformFile);
    expect(status.code).toBe(3);
    expect(status.stdout).toContain('nothing deployed');
  });
});

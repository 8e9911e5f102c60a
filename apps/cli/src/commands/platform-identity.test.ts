import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { exitCodes } from '../exit-codes.js';
import { runFloe } from '../program.js';

async function platformFile(text: string): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'floe-cli-identity-')), 'platform.yaml');
  await writeFile(file, text);
  return file;
}

// A cluster where nothing listens: a command that got past the file fails to connect (exit 75, temporary), not with exit 1.
const kubeconfig = join(await mkdtemp(join(tmpdir(), 'floe-cli-identity-')), 'kubeconfig');
await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "https://127.0.0.1:1" } }]\nusers: [{ name: u, user: { token: t } }]\ncontexts: [{ name: c, context: { cluster: c, user: u } }]\ncurrent-context: c\n');
const unreachable = ['--kubeconfig', kubeconfig];

describe('platform status, history, rollback and destroy with -f read only the platform\'s identity', () => {
  it('reject an invalid name with its file, line and rule, exit 1, before any cluster is asked', async () => {
    const file = await platformFile('apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: Acme_Data\n');
    for (const command of [['status'], ['history'], ['rollback'], ['destroy', '--yes']]) {
      const output = captureOutput();
      expect(await runFloe(['platform', ...command, '-f', file, ...unreachable], output)).toBe(1);
      expect(output.stderr()).toContain(`${file}:4:9: error[invalid-name]: "Acme_Data" must be a DNS-1123 label`);
      expect(output.stderr()).not.toContain('internal error');
    }
  });

  it('go on to the cluster with a file whose other fields are invalid (floe validate rejects it)', async () => {
    const file = await platformFile('apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: acme-data\nspec:\n  upgrades: { strategy: canary }\n');
    const validate = captureOutput();
    expect(await runFloe(['validate', file], validate)).toBe(1);
    const status = captureOutput();
    const code = await runFloe(['platform', 'status', '-f', file, ...unreachable], status);
    expect(status.stderr()).not.toContain(file);
    expect(status.stderr()).toContain('127.0.0.1:1');
    expect(code).toBe(exitCodes.unavailable);
  });
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { provisionedVolumePaths, readProvisionedVolumes, removeProvisionedVolumes } from './provisioned-volumes.js';

const roots: string[] = [];
const newRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'floe-test-volumes-'));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const hostPathVolume = (path: unknown) => ({ spec: { hostPath: { path } } });

describe('provisionedVolumePaths', () => {
  it('keeps only hostPath volumes directly under the provisioner root', () => {
    const root = '/tmp/hostpath_pv';
    expect(provisionedVolumePaths([
      hostPathVolume('/tmp/hostpath_pv/3f2a'),
      hostPathVolume('/tmp/hostpath_pv/3f2a/inner'),
      hostPathVolume('/tmp/hostpath_pv'),
      hostPathVolume('/tmp/hostpath_pv/../etc'),
      hostPathVolume('/tmp/hostpath_pv/.hidden'),
      hostPathVolume('/srv/data'),
      hostPathVolume(42),
      { spec: { csi: { driver: 'x' } } },
      {},
    ], root)).toEqual(['/tmp/hostpath_pv/3f2a']);
  });
});

describe('removeProvisionedVolumes', () => {
  it('removes the named volume directories with their data, and nothing beside or outside them', () => {
    const root = newRoot();
    const ours = join(root, 'ours');
    const theirs = join(root, 'theirs');
    const outside = newRoot();
    for (const dir of [ours, theirs]) {
      mkdirSync(join(dir, 'pgdata'), { recursive: true });
      writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '17');
    }
    writeFileSync(join(outside, 'keep'), 'x');
    expect(removeProvisionedVolumes([ours, outside, join(root, 'never-made')], root)).toEqual([]);
    expect(existsSync(ours)).toBe(false);
    expect(existsSync(join(theirs, 'pgdata', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(outside, 'keep'))).toBe(true);
  });
});

describe('readProvisionedVolumes', () => {
  it('reads nothing, and does not throw, when there is no kubeconfig or no API server answers', async () => {
    const dir = newRoot();
    expect(await readProvisionedVolumes(join(dir, 'kubeconfig'))).toEqual([]);
    const kubeconfig = join(dir, 'dead-kubeconfig');
    writeFileSync(kubeconfig, [
      'apiVersion: v1', 'kind: Config', 'current-context: dead',
      'clusters: [{name: dead, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]',
      'users: [{name: dead, user: {token: x}}]',
      'contexts: [{name: dead, context: {cluster: dead, user: dead}}]',
    ].join('\n'));
    const started = Date.now();
    expect(await readProvisionedVolumes(kubeconfig)).toEqual([]);
    // Bounded: a cluster that does not answer costs its stop at most the bound.
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);
});

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, ResourceClient, type KubeObject } from '@floe/kube';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCluster, stopLocalClusterIn, type LocalCluster } from '../../src/index.js';
import { eventually } from '../../src/testing/index.js';
import { hostPathVolumeRoot } from '../../src/storage/volume-permissions.js';

// A directory of the shared provisioner root that is no volume of the clusters below (another cluster's, say).
const foreign = join(hostPathVolumeRoot, `floe-test-foreign-${process.pid}`);
afterAll(() => rmSync(foreign, { recursive: true, force: true }));

/** Binds a claim through the cluster's hostPath provisioner, writes into its volume, and returns the volume's path. */
async function volumeOf(cluster: Pick<LocalCluster, 'kubeconfigPath'>): Promise<string> {
  const client = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath });
  try {
    const resources = new ResourceClient(client);
    await resources.apply({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Mi' } } } });
    const claim = await eventually(
      () => resources.get({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data' }),
      (value) => (value?.['status'] as { phase?: string } | undefined)?.phase === 'Bound',
      { what: 'the claim Bound' },
    );
    const volume = (await resources.get({ apiVersion: 'v1', kind: 'PersistentVolume', name: (claim!['spec'] as { volumeName: string }).volumeName })) as KubeObject;
    const path = (volume['spec'] as { hostPath: { path: string } }).hostPath.path;
    // What a database pod would leave in it.
    writeFileSync(join(path, 'PG_VERSION'), '17');
    return path;
  } finally {
    client.close();
  }
}

describe('a local cluster\'s volumes (kwok: the provisioner runs in the controller-manager, on this host)', () => {
  it('stop() removes the directories its PersistentVolumes had, with their data, and no other directory of the provisioner', async () => {
    mkdirSync(join(foreign, 'pgdata'), { recursive: true });
    const cluster = await startLocalCluster({ name: 'volumes', realNode: false });
    const path = await volumeOf(cluster);
    expect(existsSync(join(path, 'PG_VERSION'))).toBe(true);
    await cluster.stop();
    expect(existsSync(path)).toBe(false);
    expect(existsSync(join(foreign, 'pgdata'))).toBe(true);
  });

  it('floe dev down (stopLocalClusterIn with removeState) removes them too; with the state kept, they stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'floe-test-volumes-down-'));
    const cluster = await startLocalCluster({ dir, name: 'volumes-down', realNode: false, keepState: true });
    const path = await volumeOf(cluster);
    await stopLocalClusterIn(dir, { removeState: true });
    expect(existsSync(path)).toBe(false);
    expect(existsSync(dir)).toBe(false);
    const kept = mkdtempSync(join(tmpdir(), 'floe-test-volumes-kept-'));
    const keeping = await startLocalCluster({ dir: kept, name: 'volumes-kept', realNode: false, keepState: true });
    const keptPath = await volumeOf(keeping);
    await keeping.stop();
    expect(existsSync(join(keptPath, 'PG_VERSION'))).toBe(true);
    rmSync(keptPath, { recursive: true, force: true });
    rmSync(kept, { recursive: true, force: true });
  });
});

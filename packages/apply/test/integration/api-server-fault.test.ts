import { KubeClient, KubeConnectionError, ResourceClient } from '@floe/kube';
import { startLocalCluster, type LocalCluster } from '@floe/local-cluster';
import { renderPlatform } from '@floe/manifests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPlatform, platformStatus, readInventory, applySetParent } from '../../src/index.js';
import { testPlatform } from '../platform-fixture.js';

// A cluster of its own: this test kills its API server.
let cluster: LocalCluster;
beforeAll(async () => {
  cluster = await startLocalCluster({ name: 'apply-fault', realNode: false });
}, 120_000);
afterAll(async () => {
  await cluster.stop();
});

describe('a deploy whose API server dies in the middle', () => {
  it('fails with a clear message, and re-running it converges with the inventory intact', async () => {
    const platform = testPlatform();
    let client = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath, retry: { maxAttempts: 3, baseDelayMs: 100 } });
    let killed: Promise<void> | undefined;
    const error = await deployPlatform({
      platform,
      resources: new ResourceClient(client),
      timeoutMs: 60_000,
      onEvent: (event) => {
        // Kill it while the second phase is being applied; bring it back only after the deploy gave up.
        if (event.type === 'phase' && event.phase === 'references' && !killed) killed = cluster.restartApiServer({ downtimeMs: 8000 });
      },
    }).catch((caught: unknown) => caught);
    client.close();
    expect(error).toBeInstanceOf(KubeConnectionError);
    expect((error as Error).message).toMatch(/cannot reach the API server at https:\/\/127\.0\.0\.1:\d+/);
    await killed;

    client = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath });
    const resources = new ResourceClient(client);
    try {
      const result = await deployPlatform({ platform, resources, timeoutMs: 90_000 });
      expect(result.revision).toBe(1);
      const inventory = await readInventory(resources, applySetParent(platform.metadata.name, platform.spec.namespaces.platform));
      const rendered = renderPlatform(platform).objects.map((object) => `${object.kind}/${object.metadata.name}`).sort();
      expect(inventory.members.map((ref) => `${ref.kind}/${ref.name}`).sort()).toEqual(rendered);
      expect((await platformStatus(resources, platform)).healthy).toBe(true);
    } finally {
      client.close();
    }
  });
});

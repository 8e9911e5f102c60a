import type {} from '@floe/local-cluster/testing';
import { KubeClient, ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { afterAll, beforeAll, inject } from 'vitest';

/** A file's connection to the suite's local cluster. */
export interface ClusterSession {
  readonly client: KubeClient;
  readonly resources: ResourceClient;
}

/**
 * Connects to the suite's local cluster before the file's tests (handing the connection to `connected`) and,
 * after them, deletes `platform`'s namespaces and closes the client.
 */
export function useClusterSession(platform: Platform, connected: (session: ClusterSession) => void): void {
  let session: ClusterSession | undefined;
  beforeAll(async () => {
    const client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
    session = { client, resources: new ResourceClient(client) };
    connected(session);
  });
  afterAll(async () => {
    if (!session) return;
    const { client, resources } = session;
    await Promise.all([platform.spec.namespaces.platform, platform.spec.namespaces.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));
    client.close();
  });
}

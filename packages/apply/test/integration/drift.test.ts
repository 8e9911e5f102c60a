import type {} from '@floe/local-cluster/testing';
import { KubeClient, ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { deployPlatform, diffPlatform } from '../../src/index.js';
import { testPlatform } from '../platform-fixture.js';

let client: KubeClient;
let resources: ResourceClient;
const platform: Platform = testPlatform();
const ns = platform.spec.namespaces;
const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.platform, name });

beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
  await deployPlatform({ platform, resources, timeoutMs: 90_000 });
});
afterAll(async () => {
  await Promise.all([ns.platform, ns.jobs].map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name })));
  client.close();
});

describe('a deployed platform changed by hand', () => {
  it('diff shows the Deployment deleted by hand and the field another manager took, per object, instead of stopping at the conflict', async () => {
    // `kubectl scale` of cube-api (another manager now owns .spec.replicas) and a Deployment deleted by hand.
    await resources.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'acme-data-cube-api', namespace: ns.platform }, spec: { replicas: 5 } }, { fieldManager: 'kubectl', force: true });
    await resources.delete(deployment('acme-data-polaris'));
    const changes = await diffPlatform(resources, platform);
    const byName = new Map(changes.map((change) => [`${change.ref.kind}/${change.ref.name}`, change]));
    expect(byName.get('Deployment/acme-data-polaris')).toMatchObject({ action: 'create' });
    const scaled = byName.get('Deployment/acme-data-cube-api');
    expect(scaled?.conflict?.managers).toEqual(['kubectl']);
    expect(scaled?.conflict?.fields.join(' ')).toContain('.spec.replicas');
    expect(scaled?.diff).toContain('-  replicas: 5');
  });
});

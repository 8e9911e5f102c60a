import type { ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApplyConflictError, deployPlatform, diffPlatform, platformStatus } from '../../src/index.js';
import { useClusterSession } from '../cluster-session.js';
import { testPlatform } from '../platform-fixture.js';

let resources: ResourceClient;
const platform: Platform = testPlatform();
const ns = platform.spec.namespaces;
const deployment = (name: string) => ({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: ns.platform, name });

useClusterSession(platform, (session) => ({ resources } = session));
beforeAll(async () => {
  await deployPlatform({ platform, resources, timeoutMs: 90_000 });
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

  it('status names the drift from the last revision, per object', async () => {
    const status = await platformStatus(resources, platform);
    const messages = status.drift.map((drift) => drift.message);
    expect(messages).toContain(`Deployment ${ns.platform}/acme-data-polaris was deleted`);
    expect(messages).toContain(`Deployment ${ns.platform}/acme-data-cube-api: spec.replicas is 5, revision 1 has 2`);
    expect(status.lastDeploy).toMatchObject({ outcome: 'succeeded', revision: 1 });
  });

  it('status says the last deploy failed when a re-deploy stops at the conflict, and revision 1 still serves', async () => {
    const error = await deployPlatform({ platform, resources, timeoutMs: 90_000 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApplyConflictError);
    const status = await platformStatus(resources, platform);
    expect(status.revision).toBe(1);
    expect(status.lastDeploy?.outcome).toBe('failed');
    expect(status.lastDeploy?.message).toContain('"kubectl"');
    expect(status.drift.map((drift) => drift.ref.name)).toContain('acme-data-cube-api');
  });
});

import type { KubeClient, ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import type { Platform } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { appliedObjectsKey, decodeAppliedObjects, encodeAppliedObjects } from '../../src/history/applied-objects.js';
import { deployPlatform, listRevisions, platformStatus, type DeployEvent } from '../../src/index.js';
import { useClusterSession } from '../cluster-session.js';
import { testPlatform, variantOf } from '../platform-fixture.js';

let client: KubeClient;
let resources: ResourceClient;
const platform: Platform = testPlatform();
const ns = platform.spec.namespaces;
const marker = 'written-into-the-record-by-the-test';
const changed = () => variantOf(platform, (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));

useClusterSession(platform, (session) => ({ client, resources } = session));

async function deploy(target: Platform, renderer: string) {
  const events: DeployEvent[] = [];
  const result = await deployPlatform({ platform: target, resources, wait: false, renderer, onEvent: (event) => events.push(event) });
  return { result, configured: events.flatMap((event) => (event.type === 'applied' && event.action !== 'unchanged' ? [`${event.ref.kind}/${event.ref.name}`] : [])) };
}
const lastRevision = async () => (await listRevisions(resources, platform.metadata.name, ns.platform)).at(-1)!;
const collectorConfig = () => resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.platform, name: 'acme-data-otel-collector-config' });

/** Rewrites the last revision's record so that its collector ConfigMap carries `marker`: what a renderer that wrote it would have rendered. */
async function markRecordedCollectorConfig(): Promise<void> {
  const revision = await lastRevision();
  const applied = decodeAppliedObjects(revision.applied)!;
  const objects = applied.objects.map((object) => (object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-otel-collector-config'
    ? { ...object, data: { ...(object['data'] as Record<string, string>), [marker]: 'yes' } }
    : object));
  const record = (await resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.platform, name: `${platform.metadata.name}-revision-${revision.number}` }))!;
  await resources.apply({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: { name: record.metadata.name, namespace: ns.platform, labels: record.metadata.labels ?? {} },
    data: record['data'],
    binaryData: { [appliedObjectsKey]: encodeAppliedObjects({ ...applied, objects })! },
  }, { force: true });
}

describe('a revision keeps the objects its deploy applied (kwok)', () => {
  it('records the rendered objects and their renderer, never a Secret', async () => {
    await deploy(platform, 'build-a');
    const revision = await lastRevision();
    expect(revision.renderer).toBe('build-a');
    const applied = decodeAppliedObjects(revision.applied)!;
    const rendered = renderPlatform(platform);
    expect(applied.objects).toEqual(JSON.parse(JSON.stringify(rendered.objects)));
    expect(applied.generatedCredentials).toEqual(JSON.parse(JSON.stringify(rendered.generatedCredentials)));
    expect(encodeAppliedObjects({ objects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'c2VjcmV0' } }], generatedCredentials: [] })).toBeUndefined();
  });

  it('a re-deploy of the same platform by the same renderer applies the recorded objects instead of rendering', async () => {
    await markRecordedCollectorConfig();
    const { configured } = await deploy(platform, 'build-a');
    expect(configured).toContain('ConfigMap/acme-data-otel-collector-config');
    expect((await collectorConfig())?.['data']).toHaveProperty(marker, 'yes');
  });

  it('another renderer renders again and, finding the same objects, records itself; status compares the cluster with the record', async () => {
    const { configured } = await deploy(platform, 'build-b');
    expect(configured).toContain('ConfigMap/acme-data-otel-collector-config');
    expect((await collectorConfig())?.['data']).not.toHaveProperty(marker);
    const revision = await lastRevision();
    expect([revision.number, revision.renderer]).toEqual([1, 'build-b']);
    expect((await platformStatus(resources, platform)).drift).toEqual([]);
    // The record (not a new render) is what status compares with: a record that says otherwise is drift.
    await markRecordedCollectorConfig();
    const status = await platformStatus(resources, platform);
    expect(status.drift.map((drift) => drift.ref.name)).toEqual(['acme-data-otel-collector-config']);
  });

  it('renders again when the platform changed, even with the same renderer', async () => {
    await deploy(changed(), 'build-b');
    const data = (await collectorConfig())!['data'] as Record<string, string>;
    expect(Object.values(data).join('\n')).toContain('verbosity: detailed');
    const revision = await lastRevision();
    expect([revision.number, revision.renderer]).toEqual([2, 'build-b']);
  });

  it('a record an earlier floe wrote (no objects) gets them once from the next deploy; the deploys after it write nothing', async () => {
    const revision = await lastRevision();
    const name = `${platform.metadata.name}-revision-${revision.number}`;
    await resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace: ns.platform, name });
    await resources.create({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns.platform, labels: { 'floe.dev/revision-of': platform.metadata.name } },
      data: { number: String(revision.number), platform: JSON.stringify(revision.platform), digest: revision.digest, deployedAt: revision.deployedAt, floeVersion: revision.floeVersion, cause: revision.cause },
    });
    expect((await lastRevision()).applied).toBeUndefined();
    await deploy(changed(), 'build-c');
    expect((await lastRevision())).toMatchObject({ number: revision.number, renderer: 'build-c', digest: revision.digest });
    const writesBefore = client.stats.writes;
    const { configured } = await deploy(changed(), 'build-c');
    expect([configured, client.stats.writes - writesBefore]).toEqual([[], 0]);
  });
});

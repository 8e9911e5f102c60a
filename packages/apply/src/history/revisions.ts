import { isStatus, type KubeObject, type ResourceClient } from '@floe/kube';
import type { Platform, Pipeline } from '@floe/spec';
import { appliedObjectsKey } from './applied-objects.js';

/** One recorded deploy of a platform. */
export interface Revision {
  readonly number: number;
  readonly platform: Platform;
  /** Digest of the rendered object set. */
  readonly digest: string;
  readonly deployedAt: string;
  readonly floeVersion: string;
  /** What made it: a deploy, or a rollback to revision N. */
  readonly cause: string;
  /** The OCI artifact it was deployed from, pinned to its digest (`oci://REGISTRY/REPO@sha256:…`); absent for a deploy from files. */
  readonly artifact?: string;
  /** The pipelines compiled into the code location by that deploy (`floe platform deploy -p`). */
  readonly pipelines?: readonly Pipeline[];
  /** What the deploy rendered and applied, encoded (`decodeAppliedObjects`); absent in records of earlier versions. */
  readonly applied?: string;
  /** Identity of the code that rendered `applied` (`DeployOptions.renderer`), when the deploy gave one. */
  readonly renderer?: string;
}

const revisionLabel = 'floe.dev/revision-of';
export const maxRevisions = 10;

function revisionName(platform: string, number: number): string {
  return `${platform}-revision-${number}`;
}

/** The label selector of every revision record of a platform. */
export function revisionSelector(platformName: string): string {
  return `${revisionLabel}=${platformName}`;
}

/** A revision from its record (a ConfigMap). */
export function revisionOf(record: KubeObject): Revision {
  const data = (record['data'] ?? {}) as Record<string, string>;
  const binary = (record['binaryData'] ?? {}) as Record<string, string>;
  return {
    number: Number(data['number']),
    platform: JSON.parse(data['platform'] ?? '{}') as Platform,
    digest: data['digest'] ?? '',
    deployedAt: data['deployedAt'] ?? '',
    floeVersion: data['floeVersion'] ?? '',
    cause: data['cause'] ?? '',
    ...(data['artifact'] ? { artifact: data['artifact'] } : {}),
    ...(data['pipelines'] ? { pipelines: JSON.parse(data['pipelines']) as Pipeline[] } : {}),
    ...(binary[appliedObjectsKey] ? { applied: binary[appliedObjectsKey] } : {}),
    ...(data['renderer'] ? { renderer: data['renderer'] } : {}),
  };
}

/** Every recorded revision of a platform, oldest first. */
export async function listRevisions(resources: ResourceClient, platformName: string, namespace: string): Promise<Revision[]> {
  const list = await resources.list('v1', 'ConfigMap', { namespace, labelSelector: revisionSelector(platformName) });
  return list.items.map(revisionOf).sort((a, b) => a.number - b.number);
}

/** The ConfigMap that records `revision`. */
function revisionRecord(namespace: string, revision: Revision): KubeObject {
  const name = revision.platform.metadata.name;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: revisionName(name, revision.number), namespace, labels: { [revisionLabel]: name, 'app.kubernetes.io/part-of': 'floe', 'app.kubernetes.io/managed-by': 'floe' } },
    data: {
      number: String(revision.number),
      platform: JSON.stringify(revision.platform),
      digest: revision.digest,
      deployedAt: revision.deployedAt,
      floeVersion: revision.floeVersion,
      cause: revision.cause,
      ...(revision.artifact ? { artifact: revision.artifact } : {}),
      ...(revision.pipelines ? { pipelines: JSON.stringify(revision.pipelines) } : {}),
      ...(revision.renderer ? { renderer: revision.renderer } : {}),
    },
    ...(revision.applied ? { binaryData: { [appliedObjectsKey]: revision.applied } } : {}),
  };
}

/**
 * Records a successful deploy as the next revision after the newest of
 * `existing` (the validated spec — which holds only Secret references,
 * never values — the digest, time and version, and what it applied),
 * keeping the newest `maxRevisions`. The record is created, never
 * overwritten: when another deploy recorded that number since `existing`
 * was read, nothing is written and the answer is `undefined` (list the
 * revisions again and decide again).
 */
export async function recordRevision(resources: ResourceClient, namespace: string, revision: Omit<Revision, 'number'>, existing: readonly Revision[]): Promise<Revision | undefined> {
  const number = (existing.at(-1)?.number ?? 0) + 1;
  const recorded: Revision = { ...revision, number };
  try {
    await resources.create(revisionRecord(namespace, recorded));
  } catch (error) {
    if (isStatus(error, 409)) return undefined;
    throw error;
  }
  const stale = existing.slice(0, Math.max(0, existing.length + 1 - maxRevisions));
  await Promise.all(stale.map((old) => resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: revisionName(revision.platform.metadata.name, old.number) })));
  return recorded;
}

/**
 * Rewrites an existing revision's record with what its deploy applied and the renderer that rendered it: a
 * deploy by another build (or an earlier floe, which kept no objects) that rendered exactly the revision's
 * objects (same digest) records them once, so the deploys after it need not render.
 */
export async function rememberRender(resources: ResourceClient, namespace: string, revision: Revision): Promise<void> {
  await resources.apply(revisionRecord(namespace, revision), { force: true });
}

/** Deletes every revision record of a platform (destroy). */
export async function deleteRevisions(resources: ResourceClient, platformName: string, namespace: string): Promise<void> {
  const revisions = await listRevisions(resources, platformName, namespace);
  await Promise.all(revisions.map((revision) => resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: revisionName(platformName, revision.number) })));
}

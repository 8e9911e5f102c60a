import { describeObject, refOf, type KubeObject, type ObjectRef, type ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import { planBlueGreen, readLiveObjects } from '../blue-green/plan.js';
import { desiredObject } from '../deploy/desired-objects.js';
import { decodeAppliedObjects } from '../history/applied-objects.js';
import type { Revision } from '../history/revisions.js';
import { applySetParent, refKey } from '../inventory/apply-set.js';
import { readPlatformObjects } from '../inventory/read-platform-objects.js';
import { appliedDigestAnnotation } from './applied-digest.js';
import { firstDifference } from './first-difference.js';

/** An object of the last revision that is gone from the cluster or was changed there since. */
export interface ObjectDrift {
  readonly ref: ObjectRef;
  /** What differs, e.g. `deleted` or `spec.replicas is 5, the revision has 2`. */
  readonly message: string;
}

function shown(value: unknown, kind: string): string {
  if (kind === 'Secret') return '(value not shown)';
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The object without floe's digest annotation: a digest that changed with floe's version is not a hand edit. */
function withoutDigest(object: KubeObject): KubeObject {
  const annotations = Object.fromEntries(Object.entries(object.metadata.annotations ?? {}).filter(([key]) => key !== appliedDigestAnnotation));
  return { ...object, metadata: { ...object.metadata, annotations } };
}

/**
 * The objects a revision deployed, before blue-green colours: what it applied, as recorded (a record of an
 * earlier version has only its spec, rendered again), with the ApplySet's labels.
 */
export function revisionColorlessObjects(revision: Revision): KubeObject[] {
  const { platform } = revision;
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  const applied = decodeAppliedObjects(revision.applied) ?? renderPlatform(platform, { pipelines: revision.pipelines ?? [] });
  return applied.objects.map((object) => desiredObject(object, parent));
}

/** The objects a revision deployed, as the cluster should hold them now (its blue-green colors read from the cluster). */
export async function revisionObjects(resources: ResourceClient, revision: Revision): Promise<readonly KubeObject[]> {
  const colorless = revisionColorlessObjects(revision);
  return planBlueGreen(colorless, await readLiveObjects(resources, colorless)).final;
}

/**
 * The objects of `revision` that are missing from the cluster or differ
 * from it (a field changed by hand, as `kubectl scale` or `kubectl edit`
 * do), judged as a no-op deploy judges them: server defaults do not count,
 * fields floe leaves to others (replicas under an HPA) are not compared.
 * `known` passes what the caller has read already: the revision's objects
 * (`revisionObjects`) and the cluster's state of them (`readPlatformObjects`).
 */
export async function revisionDrift(resources: ResourceClient, revision: Revision, known: { readonly desired?: readonly KubeObject[]; readonly live?: ReadonlyMap<string, KubeObject> } = {}): Promise<ObjectDrift[]> {
  const objects = known.desired ?? await revisionObjects(resources, revision);
  const { platform } = revision;
  const state = known.live ?? await readPlatformObjects(resources, applySetParent(platform.metadata.name, platform.spec.namespaces.platform), objects.map(refOf));
  return objects.flatMap((object): ObjectDrift[] => {
    const ref = refOf(object);
    const found = state.get(refKey(ref));
    if (!found) return [{ ref, message: `${describeObject(ref)} was deleted` }];
    const difference = firstDifference(withoutDigest(object), found);
    if (!difference) return [];
    return [{ ref, message: `${describeObject(ref)}: ${difference.path} is ${shown(difference.live, ref.kind)}, revision ${revision.number} has ${shown(difference.desired, ref.kind)}` }];
  });
}

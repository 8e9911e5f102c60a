import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { isStatus, refOf, type KubeObject, type ObjectRef, type ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import type { Platform, Pipeline } from '@floe/spec';
import { planBlueGreen, readLiveObjects } from '../blue-green/plan.js';
import { conflictDetails } from '../deploy/conflict-details.js';
import { desiredObject } from '../deploy/desired-objects.js';
import { applySetParent, refKey } from '../inventory/apply-set.js';
import { readInventory } from '../inventory/inventory.js';
import { normalizeForDiff } from './normalize-for-diff.js';

/** Fields of an object that another field manager owns: a deploy stops there unless it forces them. */
export interface FieldConflict {
  readonly managers: readonly string[];
  readonly fields: readonly string[];
}

/** One object a deploy would change. */
export interface ObjectChange {
  readonly ref: ObjectRef;
  readonly action: 'create' | 'update' | 'delete';
  /** Unified diff of the object as YAML (Secret values masked); for a conflict, what --force-conflicts would do. */
  readonly diff: string;
  /** Set when the deploy would stop at this object on a conflict with another field manager. */
  readonly conflict?: FieldConflict;
}

/**
 * The object after a server-side dry run. On a conflict with another field
 * manager, the conflict and the forced dry run (what --force-conflicts
 * would leave), so that one conflicting object does not hide the others.
 */
async function dryRunApply(resources: ResourceClient, object: KubeObject, live: KubeObject | undefined, force: boolean): Promise<{ after: KubeObject; conflict?: FieldConflict }> {
  try {
    return { after: await resources.apply(object, { dryRun: true, force }) };
  } catch (error) {
    // A namespace that does not exist yet cannot take a dry run of its objects: they are plain creations.
    if (!live && isStatus(error, 404)) return { after: object };
    if (!isStatus(error, 409)) throw error;
    return { after: await resources.apply(object, { dryRun: true, force: true }), conflict: conflictDetails(error) };
  }
}

/**
 * What `floe platform deploy` would change, computed by the API server
 * itself: every object is applied as a server-side dry run (so defaults,
 * admission and field ownership are the real ones) and compared with the
 * live object; objects the inventory lists but the platform no longer
 * renders are shown as deletions, objects deleted by hand as creations, and
 * conflicts with other field managers per object (with the diff forcing
 * them would make) instead of ending the diff. Nothing is written.
 */
export async function diffPlatform(resources: ResourceClient, platform: Platform, options: { forceConflicts?: boolean; pipelines?: readonly Pipeline[] } = {}): Promise<ObjectChange[]> {
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  const colorless = renderPlatform(platform, { pipelines: options.pipelines ?? [] }).objects.map((object) => desiredObject(object, parent));
  // Blue-green Deployments as the colour the deploy would leave serving, their Services selecting it.
  const desired = planBlueGreen(colorless, await readLiveObjects(resources, colorless)).final;
  const changes: ObjectChange[] = [];
  const toYaml = (object: Record<string, unknown> | undefined) => (object ? stringify(object, { sortMapEntries: true }) : '');
  const results = await Promise.all(desired.map(async (object) => {
    const ref = refOf(object);
    const live = await resources.get(ref);
    const { after, conflict } = await dryRunApply(resources, object, live, options.forceConflicts ?? false);
    const before = live ? toYaml(normalizeForDiff(live)) : '';
    const afterText = toYaml(normalizeForDiff(after, live));
    if (before === afterText && !conflict) return undefined;
    const name = `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    const diff = createTwoFilesPatch(`live ${name}`, `after ${name}`, before, afterText, undefined, undefined, { context: 3 });
    return { ref, action: live ? 'update' : 'create', diff, ...(conflict ? { conflict } : {}) } satisfies ObjectChange;
  }));
  for (const result of results) if (result) changes.push(result);
  const keep = new Set(desired.map((object) => refKey(refOf(object))));
  for (const ref of (await readInventory(resources, parent)).members) {
    if (keep.has(refKey(ref))) continue;
    const live = await resources.get(ref);
    if (!live) continue;
    const name = `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    changes.push({ ref, action: 'delete', diff: createTwoFilesPatch(`live ${name}`, `after ${name}`, toYaml(normalizeForDiff(live)), '', undefined, undefined, { context: 3 }) });
  }
  return changes;
}

import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import type { ObjectRef, ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import type { Platform } from '@floe/spec';
import { planBlueGreen, readLiveObjects } from '../blue-green/plan.js';
import { desiredObject } from '../deploy/desired-objects.js';
import { refOf } from '@floe/kube';
import { applySetParent, refKey } from '../inventory/apply-set.js';
import { readInventory } from '../inventory/inventory.js';
import { normalizeForDiff } from './normalize-for-diff.js';

/** One object a deploy would change. */
export interface ObjectChange {
  readonly ref: ObjectRef;
  readonly action: 'create' | 'update' | 'delete';
  /** Unified diff of the object as YAML (Secret values masked). */
  readonly diff: string;
}

/**
 * What `floe platform deploy` would change, computed by the API server
 * itself: every object is applied as a server-side dry run (so defaults,
 * admission and field ownership are the real ones) and compared with the
 * live object; objects the inventory lists but the platform no longer
 * renders are shown as deletions. Nothing is written.
 */
export async function diffPlatform(resources: ResourceClient, platform: Platform, options: { forceConflicts?: boolean } = {}): Promise<ObjectChange[]> {
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  const colorless = renderPlatform(platform).objects.map((object) => desiredObject(object, parent));
  // Blue-green Deployments as the colour the deploy would leave serving, their Services selecting it.
  const desired = planBlueGreen(colorless, await readLiveObjects(resources, colorless)).final;
  const changes: ObjectChange[] = [];
  const toYaml = (object: Record<string, unknown> | undefined) => (object ? stringify(object, { sortMapEntries: true }) : '');
  const results = await Promise.all(desired.map(async (object) => {
    const ref = refOf(object);
    const live = await resources.get(ref);
    // A namespace that does not exist yet cannot take a dry run of its objects: they are plain creations.
    const after = await resources.apply(object, { dryRun: true, force: options.forceConflicts ?? false }).catch((error: unknown) => {
      if (!live && (error as { statusCode?: number }).statusCode === 404) return object;
      throw error;
    });
    const before = live ? toYaml(normalizeForDiff(live)) : '';
    const afterText = toYaml(normalizeForDiff(after, live));
    if (before === afterText) return undefined;
    const name = `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
    return { ref, action: live ? 'update' : 'create', diff: createTwoFilesPatch(`live ${name}`, `after ${name}`, before, afterText, undefined, undefined, { context: 3 }) } satisfies ObjectChange;
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

import type { ObjectRef, ResourceClient } from '@floe/kube';
import { applySetLabels, floePartOfLabel, refKey, type ApplySetParent } from '../inventory/apply-set.js';
import { phaseOf, applyPhases } from '../phases/apply-phase.js';
import { PruneToEmptyError } from './deploy-errors.js';
import type { DeployEvent } from './deploy-events.js';

/**
 * Deletes objects the previous inventory lists and the new set does not —
 * only when the live object still carries this ApplySet's part-of label and
 * floe's own part-of label (an object someone else owns, even under the same
 * name, is never deleted). Refuses to prune everything unless allowed.
 * Deletes in reverse phase order (workloads before what they reference).
 */
export async function pruneRemoved(
  resources: ResourceClient,
  parent: ApplySetParent,
  previous: readonly ObjectRef[],
  desiredKeys: ReadonlySet<string>,
  options: { allowEmpty: boolean; onEvent?: (event: DeployEvent) => void },
): Promise<{ attempted: number; deleted: number }> {
  const removed = previous.filter((ref) => !desiredKeys.has(refKey(ref)));
  if (removed.length === 0) return { attempted: 0, deleted: 0 };
  if (desiredKeys.size === 0 && !options.allowEmpty) throw new PruneToEmptyError(previous.length);
  const order = [...applyPhases].reverse();
  removed.sort((a, b) => order.indexOf(phaseOf(a.kind)) - order.indexOf(phaseOf(b.kind)));
  let deleted = 0;
  for (const ref of removed) {
    const live = await resources.get(ref);
    if (!live) continue;
    const labels = live.metadata.labels ?? {};
    if (labels[applySetLabels.partOf] !== parent.id || labels[floePartOfLabel.key] !== floePartOfLabel.value) {
      options.onEvent?.({ type: 'prune-skipped', ref, reason: 'it does not carry this platform\'s labels (not ours)' });
      continue;
    }
    if (await resources.delete(ref, { propagationPolicy: 'Background' })) {
      deleted++;
      options.onEvent?.({ type: 'pruned', ref });
    }
  }
  return { attempted: removed.length, deleted };
}

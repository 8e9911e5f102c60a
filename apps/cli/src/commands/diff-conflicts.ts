import type { ObjectChange } from '@floe/apply';
import { describeObject } from '@floe/kube';

/**
 * The conflicts of a diff, one line per object with the other field
 * managers and their fields, after a heading that says what they mean;
 * nothing when there are none.
 */
export function describeConflicts(changes: readonly ObjectChange[]): string[] {
  const lines = changes.flatMap((change) => {
    if (!change.conflict) return [];
    const managers = change.conflict.managers.map((manager) => `"${manager}"`).join(', ') || 'another field manager';
    return [`  ${describeObject(change.ref)}: ${change.conflict.fields.join(', ') || 'some fields'} owned by ${managers}`];
  });
  if (lines.length === 0) return [];
  return [`conflicts: a deploy stops at ${lines.length === 1 ? 'this object' : `these ${lines.length} objects`} (the diffs above show what --force-conflicts would do):`, ...lines];
}

import { refOf, type KubeObject } from '@floe/kube';
import { refKey } from '../inventory/apply-set.js';
import { objectStatus } from '../status/object-status.js';
import type { WaitOutcome } from '../wait/readiness-waiter.js';

/**
 * The readiness of `objects` from their copies in `live`, read before a
 * deploy that writes nothing: those copies are the cluster as the deploy
 * leaves it, so when every one is Current (kstatus rules, as the waiter
 * applies them) nothing more needs reading. Undefined when one is missing
 * or not Current: then the caller waits, by watching.
 */
export function readyAsRead(objects: readonly KubeObject[], live: ReadonlyMap<string, KubeObject>): WaitOutcome[] | undefined {
  const outcomes: WaitOutcome[] = [];
  for (const object of objects) {
    const ref = refOf(object);
    const current = live.get(refKey(ref));
    const status = current ? objectStatus(current) : undefined;
    if (status?.state !== 'Current') return undefined;
    outcomes.push({ ref, status });
  }
  return outcomes;
}

import type { KubeObject, ResourceClient, WatchHub } from '@floe/kube';
import type { DependencyGroup } from '../phases/workload-dependencies.js';
import { waitForReady } from './readiness-waiter.js';

/**
 * Applies each group of objects once the workloads it needs are Current (at
 * once when it needs none), groups independently of each other. A group
 * whose needs fail or time out, or whose deploy stopped (`signal`), is not
 * applied: the wait of the needs' own phase reports why.
 */
export async function applyAsNeedsReady(groups: readonly DependencyGroup[], apply: (objects: readonly KubeObject[]) => Promise<void>, context: { resources: ResourceClient; hub: WatchHub; deadline: number; appliedGenerations: ReadonlyMap<string, number>; signal: AbortSignal }): Promise<void> {
  await Promise.all(groups.map(async (group) => {
    const outcomes = await waitForReady(context.resources, context.hub, group.needs, { deadline: context.deadline, appliedGenerations: context.appliedGenerations, signal: context.signal });
    if (outcomes.every((outcome) => outcome.status.state === 'Current') && !context.signal.aborted) await apply(group.objects);
  }));
}

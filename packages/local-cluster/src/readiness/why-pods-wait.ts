import type { KubeObject, ResourceClient } from '@floe/kube';

interface Condition { type: string; status: string; reason?: string; message?: string }
interface ContainerState { name: string; state?: { waiting?: { reason?: string; message?: string }; running?: object; terminated?: { exitCode?: number; reason?: string } }; restartCount?: number }
type Pod = KubeObject & { spec?: { nodeName?: string }; status?: { phase?: string; reason?: string; message?: string; conditions?: Condition[]; initContainerStatuses?: ContainerState[]; containerStatuses?: ContainerState[] } };
type Node = KubeObject & { spec?: { taints?: { key: string; value?: string; effect: string }[]; unschedulable?: boolean }; status?: { conditions?: Condition[] } };

/**
 * One line on where a pod is stuck: its phase, why it is not scheduled (the
 * scheduler's message names the taints or resources), and each container
 * that is not running with its waiting reason, or how it ended.
 */
export function podWaitLine(pod: Pod): string {
  const status = pod.status ?? {};
  const parts = [`pod ${pod.metadata.name} ${status.phase ?? 'without status'}${status.reason ? ` (${status.reason}${status.message ? `: ${status.message}` : ''})` : ''}`];
  const scheduled = status.conditions?.find((condition) => condition.type === 'PodScheduled');
  if (scheduled?.status === 'False') parts.push(`not scheduled: ${scheduled.reason ?? ''}${scheduled.message ? `: ${scheduled.message}` : ''}`);
  else if (pod.spec?.nodeName) parts.push(`on ${pod.spec.nodeName}`);
  for (const container of [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])]) {
    const { waiting, terminated } = container.state ?? {};
    const restarts = container.restartCount ? `, ${container.restartCount} restarts` : '';
    if (waiting) parts.push(`container ${container.name} waiting: ${waiting.reason ?? '?'}${waiting.message ? `: ${waiting.message}` : ''}${restarts}`);
    else if (terminated) parts.push(`container ${container.name} ended: exit ${terminated.exitCode ?? '?'}${terminated.reason ? ` (${terminated.reason})` : ''}${restarts}`);
  }
  return parts.join('; ');
}

/**
 * What keeps new pods off a node, if anything: NotReady, a pressure
 * condition the kubelet reports (DiskPressure, MemoryPressure, PIDPressure,
 * with its message), cordoning, and taints other than `expectedTaints`.
 */
export function nodeTroubles(node: Node, expectedTaints: readonly string[] = []): string[] {
  const troubles: string[] = [];
  for (const condition of node.status?.conditions ?? []) {
    const bad = condition.type === 'Ready' ? condition.status !== 'True' : condition.status === 'True';
    if (bad) troubles.push(`${condition.type}=${condition.status}${condition.message ? ` (${condition.message})` : ''}`);
  }
  if (node.spec?.unschedulable) troubles.push('cordoned');
  for (const taint of node.spec?.taints ?? []) if (!expectedTaints.includes(taint.key)) troubles.push(`taint ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`);
  return troubles;
}

/**
 * For a time-out's message: the pods of `namespace` (those matching
 * `labelSelector`, or the one named `name`), a line each, and what is wrong
 * with `nodeName`. Reading errors become part of the text: this explains a
 * failure, it must not replace it.
 */
export async function whyPodsWait(resources: ResourceClient, target: { namespace: string; labelSelector?: string; name?: string }, nodeName: string): Promise<string> {
  const lines: string[] = [];
  try {
    const pods = target.name
      ? [await resources.get<Pod>({ apiVersion: 'v1', kind: 'Pod', namespace: target.namespace, name: target.name })].filter((pod): pod is Pod => pod !== undefined)
      : (await resources.list<Pod>('v1', 'Pod', { namespace: target.namespace, ...(target.labelSelector ? { labelSelector: target.labelSelector } : {}) })).items;
    lines.push(...(pods.length > 0 ? pods.map(podWaitLine) : [`no pod${target.name ? ` ${target.name}` : ''} in ${target.namespace}`]));
  } catch (error) {
    lines.push(`pods of ${target.namespace} unreadable: ${(error as Error).message}`);
  }
  try {
    const node = await resources.get<Node>({ apiVersion: 'v1', kind: 'Node', name: nodeName });
    const troubles = node ? nodeTroubles(node) : ['not registered'];
    lines.push(`node ${nodeName}: ${troubles.length > 0 ? troubles.join('; ') : 'Ready, no pressure, no taint'}`);
  } catch (error) {
    lines.push(`node ${nodeName} unreadable: ${(error as Error).message}`);
  }
  return lines.join('\n');
}

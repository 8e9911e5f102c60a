import { objectKey, type KubeObject, type WatchHub } from '@floe/kube';
import { refOf } from '@floe/kube';
import { DeployFailedError } from '../deploy/deploy-errors.js';
import { ChangeSignal } from '../wait/change-signal.js';

interface Endpoint {
  conditions?: { ready?: boolean };
  targetRef?: { kind?: string; name?: string };
}

/** The label every EndpointSlice of a Service carries. */
export const serviceNameLabel = 'kubernetes.io/service-name';

function selects(selector: Record<string, string>, pod: KubeObject): boolean {
  const labels = pod.metadata.labels ?? {};
  return Object.entries(selector).every(([label, value]) => labels[label] === value);
}

/**
 * What a Service's EndpointSlices say about its selector: how many ready
 * endpoints are pods it selects now, and how many endpoints (ready or not)
 * are pods it no longer selects.
 */
export function endpointsBySelector(slices: readonly KubeObject[], pods: ReadonlyMap<string, KubeObject>, selector: Record<string, string>): { readySelected: number; other: number } {
  let readySelected = 0;
  let other = 0;
  for (const slice of slices) {
    for (const endpoint of (slice['endpoints'] ?? []) as Endpoint[]) {
      const pod = endpoint.targetRef?.kind === 'Pod' && endpoint.targetRef.name ? pods.get(`${slice.metadata.namespace ?? ''}/${endpoint.targetRef.name}`) : undefined;
      if (pod && selects(selector, pod)) {
        // A missing condition means ready (discovery.k8s.io/v1).
        if (endpoint.conditions?.ready !== false) readySelected++;
      } else {
        other++;
      }
    }
  }
  return { readySelected, other };
}

/**
 * Waits (by watching) until the EndpointSlices of `service` — as just
 * applied, selecting the new colour — list ready endpoints of the pods it
 * selects and none of the pods it selected before: from then on, removing
 * the old colour cannot take an endpoint away.
 */
export async function waitForSelectedEndpoints(hub: WatchHub, service: KubeObject, deadline: number): Promise<void> {
  const namespace = service.metadata.namespace ?? '';
  const selector = ((service['spec'] as { selector?: Record<string, string> } | undefined)?.selector) ?? {};
  const slices = new Map<string, KubeObject>();
  const pods = new Map<string, KubeObject>();
  const changed = new ChangeSignal();
  const unsubscribes: (() => Promise<void>)[] = [];
  const track = (cache: Map<string, KubeObject>) => (event: { type: string; object: KubeObject }) => {
    if (event.type === 'DELETED') cache.delete(objectKey(event.object));
    else cache.set(objectKey(event.object), event.object);
    changed.notify();
  };
  try {
    const podTarget = { apiVersion: 'v1', kind: 'Pod', namespace };
    const sliceTarget = { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace, labelSelector: `${serviceNameLabel}=${service.metadata.name}` };
    unsubscribes.push(await hub.subscribe(podTarget, track(pods)));
    unsubscribes.push(await hub.subscribe(sliceTarget, track(slices)));
    for (;;) {
      const { readySelected, other } = endpointsBySelector([...slices.values()], pods, selector);
      if (readySelected > 0 && other === 0) return;
      if (Date.now() >= deadline) {
        throw new DeployFailedError([{ ref: refOf(service), message: `its EndpointSlices list ${readySelected} ready endpoints of the new colour and ${other} others; the old colour was kept` }], true);
      }
      hub.follow(podTarget);
      hub.follow(sliceTarget);
      await changed.next(deadline);
    }
  } finally {
    await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
  }
}

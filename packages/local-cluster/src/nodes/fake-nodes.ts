import type { KubeObject, ResourceClient } from '@floe/kube';

/** The taint of fake nodes beside a real node: only pods that tolerate it land on kwok. */
export const fakeNodeTaint = { key: 'floe.dev/fake-node', value: 'true', effect: 'NoSchedule' } as const;

/**
 * Creates fake nodes that kwok manages (annotation `kwok.x-k8s.io/node: fake`):
 * plenty of CPU, memory and pods, the kubelet endpoint pointing at kwok's
 * server so `pods/log` reaches it; tainted with fakeNodeTaint when `tainted`.
 */
export async function createFakeNodes(resources: ResourceClient, options: { count: number; kubeletPort: number; tainted?: boolean }): Promise<string[]> {
  const names = Array.from({ length: options.count }, (_, index) => `floe-fake-${index}`);
  await Promise.all(names.map((name) => resources.apply({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok', 'floe.dev/node': 'kwok' },
    },
    spec: options.tainted ? { taints: [fakeNodeTaint] } : {},
    status: {
      allocatable: { cpu: '64', memory: '256Gi', pods: '1000', 'ephemeral-storage': '1Ti' },
      capacity: { cpu: '64', memory: '256Gi', pods: '1000', 'ephemeral-storage': '1Ti' },
      daemonEndpoints: { kubeletEndpoint: { Port: options.kubeletPort } },
      addresses: [{ type: 'InternalIP', address: '127.0.0.1' }],
    },
  })));
  return names;
}

function isReady(node: KubeObject | undefined): boolean {
  const conditions = (node?.['status'] as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? [];
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

/** Waits (through `waitUntil`) until every named node reports Ready=True. */
export async function waitForNodesReady(resources: ResourceClient, names: readonly string[], waitUntil: (check: () => Promise<boolean>) => Promise<void>): Promise<void> {
  await waitUntil(async () => {
    const nodes = await Promise.all(names.map((name) => resources.get({ apiVersion: 'v1', kind: 'Node', name })));
    return nodes.every(isReady);
  });
}

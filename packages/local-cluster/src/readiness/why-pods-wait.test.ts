import { describe, expect, it } from 'vitest';
import type { ResourceClient } from '@floe/kube';
import { nodeTroubles, podWaitLine, whyPodsWait } from './why-pods-wait.js';

const unschedulable = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stale', namespace: 'probes-1' },
  status: {
    phase: 'Pending',
    conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }' }],
  },
};
const pressured = {
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'floe-node' },
  spec: { taints: [{ key: 'node.kubernetes.io/disk-pressure', effect: 'NoSchedule' }, { key: 'floe.dev/fake-node', value: 'true', effect: 'NoSchedule' }] },
  status: {
    conditions: [
      { type: 'MemoryPressure', status: 'False', message: 'kubelet has sufficient memory available' },
      { type: 'DiskPressure', status: 'True', message: 'kubelet has disk pressure' },
      { type: 'Ready', status: 'True', message: 'kubelet is posting ready status' },
    ],
  },
};

describe('podWaitLine', () => {
  it('says a Pending pod is not scheduled, with the scheduler\'s message', () => {
    expect(podWaitLine(unschedulable)).toBe('pod stale Pending; not scheduled: Unschedulable: 0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }');
  });

  it('names the node and each container that does not run, with its reason and restarts', () => {
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'floe-node' },
      status: {
        phase: 'Running',
        conditions: [{ type: 'PodScheduled', status: 'True' }],
        initContainerStatuses: [{ name: 'init', state: { terminated: { exitCode: 0, reason: 'Completed' } } }],
        containerStatuses: [
          { name: 'web', restartCount: 3, state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s' } } },
          { name: 'side', state: { running: {} } },
        ],
      },
    };
    expect(podWaitLine(pod)).toBe('pod web Running; on floe-node; container init ended: exit 0 (Completed); container web waiting: CrashLoopBackOff: back-off 40s, 3 restarts');
  });
});

describe('nodeTroubles', () => {
  it('lists pressure conditions that hold and taints not expected, not the healthy conditions', () => {
    expect(nodeTroubles(pressured, ['floe.dev/fake-node'])).toEqual(['DiskPressure=True (kubelet has disk pressure)', 'taint node.kubernetes.io/disk-pressure:NoSchedule']);
  });

  it('counts a Ready condition that is not True, and cordoning', () => {
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'Unknown', message: 'Kubelet stopped posting node status.' }] } };
    expect(nodeTroubles(node)).toEqual(['Ready=Unknown (Kubelet stopped posting node status.)', 'cordoned']);
  });
});

describe('whyPodsWait', () => {
  it('puts the pod lines and the node\'s troubles together, and a read that fails into the text', async () => {
    const resources = {
      get: (ref: { kind: string }) => (ref.kind === 'Pod' ? Promise.resolve(unschedulable) : Promise.reject(new Error('connection refused'))),
    } as unknown as ResourceClient;
    const text = await whyPodsWait(resources, { namespace: 'probes-1', name: 'stale' }, 'floe-node');
    expect(text.split('\n')).toEqual([
      'pod stale Pending; not scheduled: Unschedulable: 0/2 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/disk-pressure: }',
      'node floe-node unreadable: connection refused',
    ]);
  });

  it('lists by label selector and says when no pod matches', async () => {
    const resources = {
      list: (_v: string, _k: string, options: { labelSelector?: string }) => Promise.resolve({ items: options.labelSelector === 'k8s-app=metrics-server' ? [] : [unschedulable], resourceVersion: '1' }),
      get: () => Promise.resolve(pressured),
    } as unknown as ResourceClient;
    const text = await whyPodsWait(resources, { namespace: 'kube-system', labelSelector: 'k8s-app=metrics-server' }, 'floe-node');
    expect(text).toBe('no pod in kube-system\nnode floe-node: DiskPressure=True (kubelet has disk pressure); taint node.kubernetes.io/disk-pressure:NoSchedule; taint floe.dev/fake-node=true:NoSchedule');
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, ResourceClient } from '@floe/kube';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localPlatform, localPlatformFile } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: every pod below ran in containerd under the kubelet of floe-node.
const platform = localPlatform();
const kubeconfig = inject('floeKubeconfig');
let client: KubeClient;
let resources: ResourceClient;
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  client = await KubeClient.connect({ kubeconfig });
  resources = new ResourceClient(client);
});
afterAll(() => client.close());

interface Workload { kind: string; metadata: { name: string; namespace: string }; spec: { replicas?: number }; status?: { readyReplicas?: number } }
interface Pod {
  metadata: { name: string; labels?: Record<string, string> };
  spec: { nodeName?: string; securityContext?: Record<string, unknown>; containers: { name: string; securityContext?: Record<string, unknown> }[] };
  status?: { phase?: string; containerStatuses?: { name: string; ready: boolean; restartCount: number }[] };
}

const list = async <T>(apiVersion: string, kind: string, namespace: string) => (await resources.list(apiVersion, kind, { namespace })).items as unknown as T[];

describe('floe platform deploy of examples/local/platform.yaml on the real node', () => {
  it('exits 0 with every service ready by the kubelet\'s own probes', () => {
    const deploy = inject('floePlatformDeploy');
    expect(deploy.stderr + deploy.stdout).not.toMatch(/\n\s+at .*\(/); // no stack trace
    // The output's tail is in the failure message when the deploy failed.
    expect(`exit ${deploy.exitCode}\n${deploy.stderr.slice(-3000)}`).toMatch(/^exit 0\n/);
  });

  it('has every Deployment and StatefulSet at its ready replicas, every pod on floe-node', async () => {
    const namespace = platform.spec.namespaces.platform;
    const workloads = [...await list<Workload>('apps/v1', 'Deployment', namespace), ...await list<Workload>('apps/v1', 'StatefulSet', namespace)];
    expect(workloads.length).toBeGreaterThanOrEqual(8);
    const notReady = workloads.filter((workload) => (workload.status?.readyReplicas ?? 0) < (workload.spec.replicas ?? 1)).map((workload) => `${workload.kind}/${workload.metadata.name}`);
    expect(notReady).toEqual([]);
    const pods = (await list<Pod>('v1', 'Pod', namespace)).filter((pod) => pod.status?.phase === 'Running');
    expect(pods.length).toBeGreaterThanOrEqual(workloads.length);
    expect(new Set(pods.map((pod) => pod.spec.nodeName))).toEqual(new Set(['floe-node']));
  });

  it('runs every platform container non-root, on a read-only root, with no capabilities', async () => {
    const pods = await list<Pod>('v1', 'Pod', platform.spec.namespaces.platform);
    const loose = pods.flatMap((pod) => pod.spec.containers.filter((container) => {
      const context = container.securityContext ?? {};
      return context['readOnlyRootFilesystem'] !== true || context['allowPrivilegeEscalation'] !== false
        || JSON.stringify((context['capabilities'] as { drop?: string[] } | undefined)?.drop) !== '["ALL"]'
        || (pod.spec.securityContext?.['runAsNonRoot'] !== true && context['runAsNonRoot'] !== true);
    }).map((container) => `${pod.metadata.name}/${container.name}`));
    expect(loose).toEqual([]);
  });

  it('floe platform status tells the truth: healthy, each service with its ready replicas and restarts', async () => {
    const output = captureOutput();
    const code = await runFloe(['platform', 'status', '-f', localPlatformFile, '--kubeconfig', kubeconfig, '-o', 'json'], output);
    const status = JSON.parse(output.stdout()) as { healthy: boolean; services: { name: string; ready: string; restarts?: number }[] };
    expect({ code, healthy: status.healthy }).toEqual({ code: 0, healthy: true });
    const pods = await list<Pod>('v1', 'Pod', platform.spec.namespaces.platform);
    const restarts = pods.reduce((sum, pod) => sum + (pod.status?.containerStatuses ?? []).reduce((inner, container) => inner + container.restartCount, 0), 0);
    const reported = status.services.reduce((sum, service) => sum + (service.restarts ?? 0), 0);
    expect(reported).toBe(restarts);
  });
});

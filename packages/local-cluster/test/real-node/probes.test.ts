import type { KubeObject } from '@floe/kube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, getPod, restrictedContainer, waitForPod, type TestNamespace } from '../../src/testing/index.js';

// Real node: the kubelet runs these probes against real processes.
let ns: TestNamespace;
const toolbox = inject('floeToolboxImage');
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'probes', podSecurity: 'restricted' });
});
afterAll(async () => {
  await ns.dispose();
});

type SliceList = { items: (KubeObject & { endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[] })[] };

const server = (name: string, probe: Record<string, unknown>) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns.name, labels: { app: name } },
  spec: {
    terminationGracePeriodSeconds: 1, automountServiceAccountToken: false,
    containers: [{
      name: 'web', image: toolbox, imagePullPolicy: 'Never', securityContext: restrictedContainer,
      command: ['/bin/sh', '-c', 'mkdir -p /tmp/www && echo ok > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'],
      ports: [{ containerPort: 8080 }], ...probe,
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
    }],
    volumes: [{ name: 'tmp', emptyDir: {} }],
  },
});

describe('probes on the real node', () => {
  it('a failing readiness probe keeps the pod out of its Service\'s endpoints; a passing one puts it in', async () => {
    await ns.resources.apply(server('good', { readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1 } }));
    await ns.resources.apply(server('bad', { readinessProbe: { httpGet: { path: '/missing.html', port: 8080 }, periodSeconds: 1 } }));
    for (const name of ['good', 'bad']) {
      await ns.resources.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns.name }, spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }] } });
    }
    const good = await waitForPod(ns, 'good', (status) => status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true);
    const bad = await waitForPod(ns, 'bad', (status) => status.phase === 'Running');
    const slices = (service: string) => ns.client.request<SliceList>({ method: 'GET', path: `/apis/discovery.k8s.io/v1/namespaces/${ns.name}/endpointslices`, query: { labelSelector: `kubernetes.io/service-name=${service}` } });
    const readyAddresses = (list: SliceList) => list.items.flatMap((slice) => slice.endpoints ?? []).filter((endpoint) => endpoint.conditions?.ready === true).flatMap((endpoint) => endpoint.addresses);
    await eventually(() => slices('good'), (list) => readyAddresses(list).includes(good.status?.podIP ?? '-'), { what: 'good in its endpoints' });
    // Give the bad pod's probe many periods: it must stay out.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const badSlices = await slices('bad');
    expect(readyAddresses(badSlices)).toEqual([]);
    const badPod = await getPod(ns, 'bad');
    expect(badPod?.status?.containerStatuses?.[0]?.ready).toBe(false);
    expect(badPod?.status?.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(bad.status?.podIP).toMatch(/^10\.244\./);
  });

  it('a failing liveness probe restarts the container', async () => {
    await ns.resources.apply(server('stale', { livenessProbe: { httpGet: { path: '/gone.html', port: 8080 }, periodSeconds: 1, failureThreshold: 1, initialDelaySeconds: 1 } }));
    const pod = await waitForPod(ns, 'stale', (status) => (status.containerStatuses?.[0]?.restartCount ?? 0) >= 1, 60_000);
    expect(pod.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1);
    const events = await eventually(
      () => ns.resources.list('v1', 'Event', { namespace: ns.name, fieldSelector: 'involvedObject.name=stale' }),
      (list) => list.items.some((event) => (event as KubeObject & { reason?: string })['reason'] === 'Unhealthy'),
      { what: 'an Unhealthy event' },
    );
    expect(events.items.some((event) => String((event as KubeObject & { message?: string })['message']).includes('Liveness probe failed'))).toBe(true);
  });
});

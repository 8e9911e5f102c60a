import { execFileSync } from 'node:child_process';
import type { KubeObject } from '@floe/kube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, restrictedContainer, runToolboxPod, waitForPod, type TestNamespace } from '../../src/testing/index.js';

// Real node: kube-router's NetworkPolicy controller enforces these in the host's iptables.
let ns: TestNamespace;
const toolbox = inject('floeToolboxImage');
let probes = 0;
let apiIp = '';
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'netpol', podSecurity: 'restricted' });
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api', namespace: ns.name, labels: { app: 'api' } },
    spec: {
      terminationGracePeriodSeconds: 1, automountServiceAccountToken: false,
      containers: [{
        name: 'web', image: toolbox, imagePullPolicy: 'Never', securityContext: restrictedContainer,
        command: ['/bin/sh', '-c', 'mkdir -p /tmp/www && echo pong > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'],
        readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: {} }],
    },
  });
  const service = await ns.resources.apply<KubeObject & { spec?: { clusterIP?: string } }>({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api', namespace: ns.name }, spec: { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 8080 }] } });
  apiIp = service.spec?.clusterIP ?? '';
  await waitForPod(ns, 'api', (status) => status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true);
});
afterAll(async () => {
  await ns.dispose();
});

/** Connects from a new pod with `labels` to the api Service; true when it answered. */
async function connects(labels: Record<string, string>, target = 'api 80'): Promise<boolean> {
  probes += 1;
  const { log } = await runToolboxPod(ns, {
    name: `probe-${probes}`, image: toolbox, labels,
    script: `if printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${target} | grep -q pong; then echo CONNECTED; else echo BLOCKED; fi`,
  });
  return log.includes('CONNECTED');
}

/** Polls until the enforcer has applied the policies: the probe's answer settles on `expected`. */
async function expectConnects(labels: Record<string, string>, expected: boolean, target?: string): Promise<void> {
  const seen = await eventually(() => connects(labels, target), (value) => value === expected, { timeoutMs: 60_000, intervalMs: 0, what: `connection ${expected ? 'allowed' : 'refused'} for ${JSON.stringify(labels)}` });
  expect(seen).toBe(expected);
}

const policy = (name: string, spec: Record<string, unknown>) => ns.resources.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns.name }, spec });

describe('NetworkPolicies are enforced on the real node (kube-router)', () => {
  it('default-deny refuses a connection; an allow policy for the port opens it for the selected clients only', async () => {
    await expectConnects({ role: 'client' }, true);
    await policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    await expectConnects({ role: 'client' }, false);
    await policy('allow-clients', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }] });
    await expectConnects({ role: 'client' }, true);
    expect(await connects({ role: 'stranger' })).toBe(false);
  });

  it('an egress deny blocks the pod\'s outbound connection', async () => {
    await policy('allow-all-ingress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{}] });
    // By ClusterIP, so that the blocked step is the TCP connection itself, not the DNS lookup.
    await expectConnects({ role: 'locked' }, true, `${apiIp} 80`);
    await policy('deny-egress', { podSelector: { matchLabels: { role: 'locked' } }, policyTypes: ['Egress'], egress: [] });
    await expectConnects({ role: 'locked' }, false, `${apiIp} 80`);
    expect(await connects({ role: 'client' }, `${apiIp} 80`)).toBe(true);
  });

  it('the host drops what a pod sends beyond the machine (egress guard), counted by its DROP rule', async () => {
    const dropped = () => {
      const listing = execFileSync('iptables', ['-w', '-t', 'raw', '-L', 'FLOE-POD-EGRESS', '-v', '-x', '-n'], { encoding: 'utf8' });
      const line = listing.split('\n').find((entry) => /\bDROP\b/.test(entry)) ?? '';
      return Number(line.trim().split(/\s+/)[0] ?? 0);
    };
    const before = dropped();
    // 192.0.2.1 is this VM's gateway: outside the machine.
    expect(await connects({ role: 'outbound' }, '192.0.2.1 80')).toBe(false);
    expect(dropped()).toBeGreaterThan(before);
  });
});

import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, podLog, restrictedContainer, runToolboxPod, serveHttp, waitForPod, type TestNamespace } from '../../src/testing/index.js';

// Real node: kube-router's NetworkPolicy controller enforces these in the host's iptables.
let ns: TestNamespace;
const toolbox = inject('floeToolboxImage');
let apiIp = '';
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'netpol', podSecurity: 'restricted' });
  apiIp = (await serveHttp(ns, { name: 'api', image: toolbox, text: 'pong' })).clusterIp ?? '';
});
afterAll(async () => {
  await ns.dispose();
});

/**
 * A pod with `labels` that tries the api Service by ClusterIP every second
 * (so the blocked step is the TCP connection itself, not a DNS lookup) and
 * logs `<n> CONNECTED|BLOCKED`. Long-lived: kube-router programs a new pod's
 * firewall chain a moment after the pod starts, as upstream does.
 */
async function startProber(name: string, labels: Record<string, string>, target = `${apiIp} 80`): Promise<void> {
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns.name, labels },
    spec: {
      terminationGracePeriodSeconds: 0, automountServiceAccountToken: false,
      containers: [{
        name: 'main', image: toolbox, imagePullPolicy: 'Never', securityContext: restrictedContainer,
        command: ['/bin/sh', '-c', `n=0; while true; do n=$((n+1)); if printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 2 ${target} 2>/dev/null | grep -q pong; then echo "$n CONNECTED"; else echo "$n BLOCKED"; fi; sleep 1; done`],
      }],
    },
  });
  await waitForPod(ns, name, (status) => status.phase === 'Running');
}

/** Waits until the prober's three newest verdicts, all logged after this call, agree on `expected`. */
async function expectVerdict(prober: string, expected: 'CONNECTED' | 'BLOCKED'): Promise<void> {
  const verdicts = async () => (await podLog(ns, prober)).trim().split('\n').map((line) => /^(\d+) (CONNECTED|BLOCKED)$/.exec(line)).filter((match) => match !== null).map((match) => ({ n: Number(match[1]), verdict: match[2] }));
  const since = (await verdicts()).at(-1)?.n ?? 0;
  const seen = await eventually(verdicts, (list) => {
    const fresh = list.filter((entry) => entry.n > since).slice(-3);
    return fresh.length === 3 && fresh.every((entry) => entry.verdict === expected);
  }, { timeoutMs: 60_000, intervalMs: 1000, what: `${prober}: ${expected}` });
  expect(seen.at(-1)?.verdict).toBe(expected);
}

const policy = (name: string, spec: Record<string, unknown>) => ns.resources.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns.name }, spec });

describe('NetworkPolicies are enforced on the real node (kube-router)', () => {
  it('default-deny refuses a connection; an allow policy for the port opens it for the selected clients only', async () => {
    await startProber('client', { role: 'client' });
    await startProber('stranger', { role: 'stranger' });
    await expectVerdict('client', 'CONNECTED');
    await expectVerdict('stranger', 'CONNECTED');
    await policy('default-deny', { podSelector: {}, policyTypes: ['Ingress'] });
    await expectVerdict('client', 'BLOCKED');
    await policy('allow-clients', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }] });
    await expectVerdict('client', 'CONNECTED');
    await expectVerdict('stranger', 'BLOCKED');
  });

  it('an egress deny blocks the pod\'s outbound connection', async () => {
    await policy('allow-all-ingress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{}] });
    await startProber('locked', { role: 'locked' });
    await expectVerdict('locked', 'CONNECTED');
    await policy('deny-egress', { podSelector: { matchLabels: { role: 'locked' } }, policyTypes: ['Egress'], egress: [] });
    await expectVerdict('locked', 'BLOCKED');
    await expectVerdict('client', 'CONNECTED');
  });

  it('the host drops what a pod sends beyond the machine (egress guard), counted by its DROP rule', async () => {
    const dropped = () => {
      const listing = execFileSync('iptables', ['-w', '-t', 'raw', '-L', 'FLOE-POD-EGRESS', '-v', '-x', '-n'], { encoding: 'utf8' });
      const line = listing.split('\n').find((entry) => /\bDROP\b/.test(entry)) ?? '';
      return Number(line.trim().split(/\s+/)[0] ?? 0);
    };
    const before = dropped();
    // 192.0.2.1 is this VM's gateway: outside the machine.
    const { log } = await runToolboxPod(ns, { name: 'outbound', image: toolbox, script: "if printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 192.0.2.1 80 >/dev/null 2>&1; then echo CONNECTED; else echo BLOCKED; fi" });
    expect(log.trim()).toBe('BLOCKED');
    expect(dropped()).toBeGreaterThan(before);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalCluster, stopLocalClusterIn, type LocalCluster } from '../../src/index.js';
import { createTestNamespace, restrictedContainer, snapshotHost, waitForPod, writeToolboxImage } from '../../src/testing/index.js';

// Real node, started and stopped by this test alone (one real node per machine): run it on its own
// (vitest.real-node-host.config.ts), never beside the real-node suite.
const dir = mkdtempSync(join(tmpdir(), 'floe-host-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('stopping a cluster with a real node leaves the host as it found it', () => {
  it('after pods, Services, probes and NetworkPolicies ran, `floe dev down` (stopLocalClusterIn) restores processes, mounts, links, routes, firewall, ipsets, cgroups, sysctls and host paths', async () => {
    const before = snapshotHost();
    const cluster = await startLocalCluster({ dir: join(dir, 'cluster'), name: 'floe-host', realNode: true, fakeNodes: 1, keepState: true });
    try {
      await exercise(cluster);
    } finally {
      // What `floe dev down` does: end the recorded processes, then undo the node's host changes.
      await stopLocalClusterIn(cluster.dir, { removeState: true });
    }
    expect(snapshotHost()).toEqual(before);
  });
});

/** Pods with volumes, probes and a hostPort, a NodePort Service and a NetworkPolicy: what leaves the most behind on a host. */
async function exercise(cluster: LocalCluster): Promise<void> {
  const toolbox = writeToolboxImage(dir);
  cluster.loadImages([toolbox.archive]);
  // No Pod Security label: the hostPort (portmap plugin rules) is what the restricted profile forbids.
  const ns = await createTestNamespace(cluster.kubeconfigPath, { prefix: 'host' });
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: ns.name, labels: { app: 'web' } },
    spec: {
      terminationGracePeriodSeconds: 30, automountServiceAccountToken: true,
      containers: [{
        name: 'web', image: toolbox.name, imagePullPolicy: 'Never', securityContext: restrictedContainer,
        command: ['/bin/sh', '-c', 'mkdir -p /tmp/www && echo ok > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www'],
        ports: [{ containerPort: 8080, hostPort: 18080 }],
        readinessProbe: { httpGet: { path: '/index.html', port: 8080 }, periodSeconds: 1 },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/config' }],
      }],
      volumes: [{ name: 'tmp', emptyDir: { medium: 'Memory' } }, { name: 'config', configMap: { name: 'kube-root-ca.crt' } }],
    },
  });
  await ns.resources.apply({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: ns.name }, spec: { selector: { app: 'web' }, type: 'NodePort', ports: [{ port: 80, targetPort: 8080 }] } });
  await ns.resources.apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: ns.name }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } });
  const pod = await waitForPod(ns, 'web', (status) => status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true);
  expect(pod.spec?.nodeName).toBe('floe-node');
  const during = snapshotHost();
  // The node really changed the host (else this test could not fail).
  expect(during.links).toContain('floebr0');
  expect(during.iptables.some((rule) => rule.includes('KUBE-SERVICES'))).toBe(true);
  expect(during.processes).toContain('kubelet');
  expect(during.cgroups.some((entry) => entry.endsWith('/kubepods'))).toBe(true);
  ns.client.close();
}

import type { KubeObject } from '@floe/kube';
import { nodeNetwork } from './node-network.js';

const namespace = 'kube-system';
const labels = { 'k8s-app': 'kube-dns' };

/**
 * The Corefile: `cluster.local` and the reverse zones from the Kubernetes
 * API, nothing else. No `forward` plugin: the cluster has no upstream (no
 * packet leaves the machine), so other names fail fast instead of timing out.
 * Port 53 inside the pod, as kubeadm and kind run it: NetworkPolicies match
 * the pod's port after the Service's DNAT, so the usual DNS egress rule
 * (port 53 to k8s-app=kube-dns) must hold here too. CoreDNS stays non-root
 * without capabilities: the pod's safe sysctl
 * net.ipv4.ip_unprivileged_port_start=53 lets it bind 53.
 */
export const corefile = `.:53 {
    errors
    health :8080
    ready :8181
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
        ttl 30
    }
    cache 30
    loop
    reload
}
`;

/** CoreDNS as the cluster DNS (kube-system/kube-dns at the kubelet's clusterDNS address), as kind and kubeadm run it. */
export function clusterDnsObjects(image: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'coredns', namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:coredns' },
      rules: [
        { apiGroups: [''], resources: ['endpoints', 'services', 'pods', 'namespaces'], verbs: ['list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'system:coredns' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:coredns' },
      subjects: [{ kind: 'ServiceAccount', name: 'coredns', namespace }],
    },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace }, data: { Corefile: corefile } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'coredns', namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'coredns',
            priorityClassName: 'system-cluster-critical',
            dnsPolicy: 'Default',
            securityContext: {
              runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532, seccompProfile: { type: 'RuntimeDefault' },
              sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '53' }],
            },
            containers: [{
              name: 'coredns', image, imagePullPolicy: 'Never', args: ['-conf', '/etc/coredns/Corefile'],
              ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' }],
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { memory: '128Mi' } },
              livenessProbe: { httpGet: { path: '/health', port: 8080 }, periodSeconds: 10, failureThreshold: 5 },
              readinessProbe: { httpGet: { path: '/ready', port: 8181 }, periodSeconds: 2 },
              volumeMounts: [{ name: 'config', mountPath: '/etc/coredns', readOnly: true }],
            }],
            volumes: [{ name: 'config', configMap: { name: 'coredns' } }],
            tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace, labels: { ...labels, 'kubernetes.io/name': 'CoreDNS' } },
      spec: {
        selector: labels, clusterIP: nodeNetwork.dnsServiceIp,
        ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' }],
      },
    },
  ];
}

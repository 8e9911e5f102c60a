import type { KubeObject } from '@floe/kube';

/** Where metrics-server runs, and its name (its pods carry `k8s-app: <name>`). */
export const metricsServerNamespace = 'kube-system';
export const metricsServerName = 'metrics-server';
const namespace = metricsServerNamespace;
const name = metricsServerName;
const labels = { 'k8s-app': name };
const servingCertSecret = 'metrics-server-serving-cert';
const port = 10250;

/** The APIService metrics-server serves: what `kubectl top` and HPAs read. */
export const metricsApiService = 'v1beta1.metrics.k8s.io';

/** Whether an image name (as containerd lists it) is a metrics-server image, e.g. localhost/floe-local/metrics-server:v0.8.0-go. */
export function isMetricsServerImage(image: string): boolean {
  return /(^|\/)metrics-server:[^/:]+$/.test(image);
}

/** What metrics-server needs from the cluster's PKI (PEM text). */
export interface MetricsServerCertificates {
  /** Serving certificate and key for metrics-server.kube-system.svc, signed by the cluster CA. */
  readonly servingCert: string;
  readonly servingKey: string;
  /** The cluster CA: the APIService verifies metrics-server with it. */
  readonly caCert: string;
}

function clusterRole(roleName: string, rules: object[], extraLabels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: roleName, labels: { ...labels, ...extraLabels } }, rules };
}

function binding(kind: 'ClusterRoleBinding' | 'RoleBinding', bindingName: string, roleKind: 'ClusterRole' | 'Role', roleName: string): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind,
    metadata: { name: bindingName, ...(kind === 'RoleBinding' ? { namespace } : {}), labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: roleName },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  };
}

/**
 * metrics-server as the local cluster runs it (kind users install it the
 * same way): its ServiceAccount, RBAC (read pods and nodes and scrape the
 * kubelets' `/metrics/resource`; delegate authentication and authorization
 * to the API server; read the front-proxy CA from
 * extension-apiserver-authentication), a Deployment under Pod Security
 * "restricted", its Service and the APIService. No `--kubelet-insecure-tls`:
 * the kubelet's serving certificate is signed by the cluster CA with the
 * node IP, so metrics-server verifies it with the CA every pod already
 * mounts. Nor `insecureSkipTLSVerify`: metrics-server serves a certificate
 * the cluster CA signed, and the APIService carries that CA.
 */
export function metricsServerObjects(image: string, certificates: MetricsServerCertificates): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels } },
    // Aggregated into view/edit/admin: whoever can read pods in a namespace can read their metrics.
    clusterRole('system:aggregated-metrics-reader', [{ apiGroups: ['metrics.k8s.io'], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] }], {
      'rbac.authorization.k8s.io/aggregate-to-view': 'true', 'rbac.authorization.k8s.io/aggregate-to-edit': 'true', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
    }),
    clusterRole('system:metrics-server', [
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get', 'list', 'watch'] },
    ]),
    binding('RoleBinding', 'metrics-server-auth-reader', 'Role', 'extension-apiserver-authentication-reader'),
    binding('ClusterRoleBinding', 'metrics-server:system:auth-delegator', 'ClusterRole', 'system:auth-delegator'),
    binding('ClusterRoleBinding', 'system:metrics-server', 'ClusterRole', 'system:metrics-server'),
    {
      apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/tls', metadata: { name: servingCertSecret, namespace, labels },
      stringData: { 'tls.crt': certificates.servingCert, 'tls.key': certificates.servingKey },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, labels },
      spec: { selector: labels, ports: [{ name: 'https', port: 443, targetPort: 'https', protocol: 'TCP' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        // Never down during its own update: an unavailable APIService stalls namespace deletion and garbage collection.
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            priorityClassName: 'system-cluster-critical',
            securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name, image, imagePullPolicy: 'Never',
              args: [
                `--secure-port=${port}`,
                '--tls-cert-file=/etc/metrics-server/tls/tls.crt',
                '--tls-private-key-file=/etc/metrics-server/tls/tls.key',
                '--kubelet-certificate-authority=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt',
                '--kubelet-preferred-address-types=InternalIP',
                '--kubelet-use-node-status-port',
                // The HPA controller syncs every 15 s: fresher metrics would not scale sooner.
                '--metric-resolution=15s',
              ],
              ports: [{ name: 'https', containerPort: port, protocol: 'TCP' }],
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
              readinessProbe: { httpGet: { path: '/readyz', port: 'https', scheme: 'HTTPS' }, periodSeconds: 5, failureThreshold: 3 },
              livenessProbe: { httpGet: { path: '/livez', port: 'https', scheme: 'HTTPS' }, periodSeconds: 10, failureThreshold: 3 },
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'tls', mountPath: '/etc/metrics-server/tls', readOnly: true }],
            }],
            volumes: [{ name: 'tmp', emptyDir: {} }, { name: 'tls', secret: { secretName: servingCertSecret } }],
          },
        },
      },
    },
    {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: metricsApiService, labels },
      spec: {
        group: 'metrics.k8s.io', version: 'v1beta1',
        service: { name, namespace, port: 443 },
        caBundle: Buffer.from(certificates.caCert).toString('base64'),
        groupPriorityMinimum: 100, versionPriority: 100,
      },
    },
  ];
}

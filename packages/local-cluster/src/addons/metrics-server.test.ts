import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { isMetricsServerImage, metricsServerObjects } from './metrics-server.js';

const objects = metricsServerObjects('localhost/floe-local/metrics-server:v0.8.0-go', { servingCert: 'CERT', servingKey: 'KEY', caCert: 'CA PEM' });
const find = (kind: string, name: string) => objects.find((object) => object.kind === kind && object.metadata.name === name)!;
interface Container { args: string[]; image: string; imagePullPolicy: string; securityContext: Record<string, unknown>; resources: { requests: Record<string, string> } }
interface PodSpec { serviceAccountName: string; securityContext: Record<string, unknown>; containers: Container[] }
const podSpec = (find('Deployment', 'metrics-server')['spec'] as { template: { spec: PodSpec } }).template.spec;

describe('metricsServerObjects', () => {
  it('installs the objects metrics-server needs, cluster-scoped ones without a namespace', () => {
    expect(objects.map((object) => `${object.kind}/${object.metadata.namespace ?? '-'}/${object.metadata.name}`)).toEqual([
      'ServiceAccount/kube-system/metrics-server',
      'ClusterRole/-/system:aggregated-metrics-reader',
      'ClusterRole/-/system:metrics-server',
      'RoleBinding/kube-system/metrics-server-auth-reader',
      'ClusterRoleBinding/-/metrics-server:system:auth-delegator',
      'ClusterRoleBinding/-/system:metrics-server',
      'Secret/kube-system/metrics-server-serving-cert',
      'Service/kube-system/metrics-server',
      'Deployment/kube-system/metrics-server',
      'APIService/-/v1beta1.metrics.k8s.io',
    ]);
  });

  it('grants scraping the kubelets and delegated authn/authz, and lets viewers read metrics', () => {
    expect(find('ClusterRole', 'system:metrics-server')['rules']).toContainEqual({ apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] });
    expect(find('ClusterRole', 'system:aggregated-metrics-reader').metadata.labels).toMatchObject({ 'rbac.authorization.k8s.io/aggregate-to-view': 'true' });
    const roleOf = (object: KubeObject) => (object['roleRef'] as { kind: string; name: string });
    expect(roleOf(find('RoleBinding', 'metrics-server-auth-reader'))).toMatchObject({ kind: 'Role', name: 'extension-apiserver-authentication-reader' });
    expect(roleOf(find('ClusterRoleBinding', 'metrics-server:system:auth-delegator'))).toMatchObject({ kind: 'ClusterRole', name: 'system:auth-delegator' });
    for (const object of objects.filter((item) => item.kind.endsWith('Binding'))) {
      expect(object['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'metrics-server', namespace: 'kube-system' }]);
    }
  });

  it('verifies the kubelet with the cluster CA (no --kubelet-insecure-tls) and serves the CA-signed certificate', () => {
    const args = podSpec.containers[0]!.args;
    expect(args).not.toContain('--kubelet-insecure-tls');
    expect(args).toContain('--kubelet-certificate-authority=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    expect(args).toContain('--kubelet-preferred-address-types=InternalIP');
    expect(args).toContain('--tls-cert-file=/etc/metrics-server/tls/tls.crt');
    expect(find('Secret', 'metrics-server-serving-cert')['stringData']).toEqual({ 'tls.crt': 'CERT', 'tls.key': 'KEY' });
    const spec = find('APIService', 'v1beta1.metrics.k8s.io')['spec'] as Record<string, unknown>;
    expect(spec['insecureSkipTLSVerify']).toBeUndefined();
    expect(Buffer.from(spec['caBundle'] as string, 'base64').toString()).toBe('CA PEM');
    expect(spec['service']).toEqual({ name: 'metrics-server', namespace: 'kube-system', port: 443 });
  });

  it('runs under Pod Security "restricted" with the loaded image, never pulled', () => {
    expect(podSpec.serviceAccountName).toBe('metrics-server');
    expect(podSpec.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    const container = podSpec.containers[0]!;
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect([container.image, container.imagePullPolicy]).toEqual(['localhost/floe-local/metrics-server:v0.8.0-go', 'Never']);
    expect(container.resources.requests['cpu']).toBeDefined();
  });
});

describe('isMetricsServerImage', () => {
  it('recognises metrics-server images by repository name, not other images that mention it', () => {
    expect(isMetricsServerImage('localhost/floe-local/metrics-server:v0.8.0-go')).toBe(true);
    expect(isMetricsServerImage('registry.k8s.io/metrics-server/metrics-server:v0.8.0')).toBe(true);
    expect(isMetricsServerImage('localhost/floe-local/prometheus:v3.7.3-go')).toBe(false);
    expect(isMetricsServerImage('localhost/my-metrics-server-fork:1')).toBe(false);
    expect(isMetricsServerImage('localhost/metrics-server')).toBe(false);
  });
});

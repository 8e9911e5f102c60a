import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import { container, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { objectMeta } from '../kube/object-meta.js';
import { configMapVolume, emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { yamlText } from '../output/to-yaml.js';
import { configMap } from '../workloads/config-map.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { statefulSet } from '../workloads/stateful-set.js';
import { metricsEndpoints } from './metrics-endpoints.js';
import { platformImage } from '../images/platform-image.js';

const runAs = { user: 65534, group: 65534, fsGroup: 65534 };

/** One scrape job per metrics endpoint: every pod behind the Service's named port, found by EndpointSlice discovery. */
function prometheusConfig(platform: Platform) {
  const names = platformNames(platform);
  return {
    global: { scrape_interval: '30s', evaluation_interval: '30s', external_labels: { platform: platform.metadata.name, environment: platform.metadata.environment } },
    scrape_configs: [
      { job_name: 'prometheus', static_configs: [{ targets: [`localhost:${ports.prometheus}`] }] },
      ...metricsEndpoints(platform).map((endpoint) => ({
        job_name: endpoint.job,
        metrics_path: endpoint.path,
        kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [names.platformNamespace] } }],
        relabel_configs: [
          { source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'], regex: `${endpoint.service};${endpoint.port}`, action: 'keep' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
          { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        ],
      })),
    ],
  };
}

/**
 * Prometheus: a StatefulSet (its TSDB volume must follow the one pod), a
 * Service, its scrape config, and a namespaced Role for service discovery.
 */
export function renderPrometheus(platform: Platform): KubeObject[] {
  const spec = platform.spec.observability.prometheus;
  if (!spec.enabled) return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const meta = { name: names.prometheus, namespace: names.platformNamespace, app: apps.prometheus, image };
  const config = configMap(platform, { ...meta, name: names.prometheusConfig, data: { 'prometheus.yml': yamlText(prometheusConfig(platform)) } });
  return [
    serviceAccount(platform, meta),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: objectMeta(platform, meta),
      rules: [
        { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: objectMeta(platform, meta),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.prometheus },
      subjects: [{ kind: 'ServiceAccount', name: names.prometheus, namespace: names.platformNamespace }],
    },
    config,
    service(platform, { ...meta, ports: [{ name: 'http', port: ports.prometheus }] }),
    statefulSet(platform, {
      ...meta,
      replicas: 1,
      serviceName: names.prometheus,
      volumeClaims: [{ name: 'data', size: spec.storage.size, storageClass: spec.storage.storageClass }],
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.prometheus, { image }),
        runAs,
        serviceAccountName: names.prometheus,
        // Kubernetes service discovery reads the API.
        automountServiceAccountToken: true,
        configs: [config],
        terminationGracePeriodSeconds: 300,
        containers: [container({
          name: 'prometheus',
          image,
          args: [
            '--config.file=/etc/prometheus/prometheus.yml',
            '--storage.tsdb.path=/data',
            `--storage.tsdb.retention.time=${spec.retention}`,
            `--web.listen-address=:${ports.prometheus}`,
          ],
          ports: [{ name: 'http', containerPort: ports.prometheus }],
          resources: containerResources(spec.resources),
          volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'config', mountPath: '/etc/prometheus', readOnly: true }, { name: 'tmp', mountPath: '/tmp' }],
          // Every 2 s while it starts (ten minutes in all: a large TSDB replays its WAL): Grafana waits for it Ready.
          startupProbe: httpProbe('/-/ready', 'http', { periodSeconds: 2, failureThreshold: 300 }),
          livenessProbe: httpProbe('/-/healthy', 'http', { periodSeconds: 15, failureThreshold: 6 }),
          readinessProbe: httpProbe('/-/ready', 'http', { periodSeconds: 5 }),
        }, runAs)],
        volumes: [configMapVolume('config', names.prometheusConfig), emptyDirVolume('tmp')],
      }),
    }),
  ];
}

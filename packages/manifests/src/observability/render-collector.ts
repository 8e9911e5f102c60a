import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import { container, envFromField, envFromSecret, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { configMapVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { yamlText } from '../output/to-yaml.js';
import { configMap } from '../workloads/config-map.js';
import { deployment } from '../workloads/deployment.js';
import { podDisruptionBudget } from '../workloads/scaling.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { collectorConfig, exporterHeaderEnv, podIpEnv } from './collector-config.js';
import { platformImage } from '../images/platform-image.js';

// The contrib image is USER 10001, FROM scratch: fine with a read-only root.
const runAs = { user: 10001, group: 10001, fsGroup: 10001 };

/** The OTLP collector: Deployment + Service (OTLP gRPC/HTTP, health, metrics) and its config. */
export function renderCollector(platform: Platform): KubeObject[] {
  const spec = platform.spec.observability.collector;
  if (!spec.enabled) return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const meta = { name: names.collector, namespace: names.platformNamespace, app: apps.collector, image };
  const config = configMap(platform, { ...meta, name: names.collectorConfig, data: { 'config.yaml': yamlText(collectorConfig(platform)) } });
  const headerEnv = spec.exporters.flatMap((exporter) => (exporter.type !== 'debug' && exporter.headersSecretRef
    ? [envFromSecret(exporterHeaderEnv(exporter), exporter.headersSecretRef.name, 'authorization')]
    : []));
  const prometheus = platform.spec.observability.prometheus.enabled;
  const scaling = { ...meta, replicas: spec.replicas };
  return [
    serviceAccount(platform, meta),
    config,
    service(platform, {
      ...meta,
      blueGreenOf: names.collector,
      ports: [
        { name: 'otlp-grpc', port: ports.otlpGrpc },
        { name: 'otlp-http', port: ports.otlpHttp },
        { name: 'metrics', port: ports.collectorMetrics },
        ...(prometheus ? [{ name: 'prom-export', port: ports.collectorPrometheus }] : []),
      ],
    }),
    deployment(platform, {
      ...meta,
      blueGreen: true,
      replicas: spec.replicas,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.collector, { image }),
        runAs,
        serviceAccountName: names.collector,
        configs: [config],
        containers: [container({
          name: 'collector',
          image,
          args: ['--config=/etc/otelcol/config.yaml'],
          ports: [
            { name: 'otlp-grpc', containerPort: ports.otlpGrpc },
            { name: 'otlp-http', containerPort: ports.otlpHttp },
            { name: 'health', containerPort: ports.collectorHealth },
            { name: 'metrics', containerPort: ports.collectorMetrics },
            ...(prometheus ? [{ name: 'prom-export', containerPort: ports.collectorPrometheus }] : []),
          ],
          env: [envFromField(podIpEnv, 'status.podIP'), ...headerEnv],
          resources: containerResources(spec.resources),
          volumeMounts: [{ name: 'config', mountPath: '/etc/otelcol', readOnly: true }],
          livenessProbe: httpProbe('/', 'health', { periodSeconds: 10 }),
          readinessProbe: httpProbe('/', 'health', { periodSeconds: 5 }),
        }, runAs)],
        volumes: [configMapVolume('config', names.collectorConfig)],
      }),
    }),
    ...podDisruptionBudget(platform, scaling),
  ];
}

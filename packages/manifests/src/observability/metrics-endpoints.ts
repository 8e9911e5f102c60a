import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { AppIdentity } from '../kube/labels.js';
import { ports } from '../kube/ports.js';
import { platformNames } from '../naming/platform-names.js';

/** A Service port Prometheus scrapes, on every endpoint (pod) behind it. */
export interface MetricsEndpoint {
  readonly job: string;
  /** The pods behind the Service. */
  readonly app: AppIdentity;
  readonly service: string;
  /** The Service port's name. */
  readonly port: string;
  readonly path: string;
  readonly targetPort: number;
}

/** The platform's metrics endpoints, for Prometheus' scrape config and its NetworkPolicy. */
export function metricsEndpoints(platform: Platform): MetricsEndpoint[] {
  const names = platformNames(platform);
  const { spec } = platform;
  const endpoints: MetricsEndpoint[] = [];
  if (spec.observability.collector.enabled) {
    endpoints.push({ job: 'otel-collector', app: apps.collector, service: names.collector, port: 'metrics', path: '/metrics', targetPort: ports.collectorMetrics });
    if (spec.observability.prometheus.enabled) {
      endpoints.push({ job: 'pipelines', app: apps.collector, service: names.collector, port: 'prom-export', path: '/metrics', targetPort: ports.collectorPrometheus });
    }
  }
  if (spec.catalog.enabled && spec.catalog.type === 'polaris') endpoints.push({ job: 'polaris', app: apps.polaris, service: names.polaris, port: 'management', path: '/q/metrics', targetPort: ports.polarisManagement });
  if (spec.storage.enabled && spec.storage.type === 'minio') endpoints.push({ job: 'minio', app: apps.minio, service: names.minio, port: 'api', path: '/minio/v2/metrics/cluster', targetPort: ports.minioApi });
  if (spec.registry.enabled && spec.registry.type === 'inCluster') endpoints.push({ job: 'registry', app: apps.registry, service: names.registry, port: 'debug', path: '/metrics', targetPort: ports.registryDebug });
  return endpoints;
}

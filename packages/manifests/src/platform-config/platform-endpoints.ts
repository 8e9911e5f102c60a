import type { Platform } from '@floe/spec';
import { ports } from '../kube/ports.js';
import { platformNames, serviceHost } from '../naming/platform-names.js';

/**
 * Every endpoint of the platform as seen from inside the cluster (any
 * namespace), or undefined when the component is off. Pipeline pods get
 * these through the platform ConfigMap; services use them to find each other.
 */
export function platformEndpoints(platform: Platform) {
  const names = platformNames(platform);
  const ns = names.platformNamespace;
  const { spec } = platform;
  const http = (service: string, port: number, path = '') => `http://${serviceHost(service, ns)}:${port}${path}`;

  let storage: { type: string; endpoint: string; bucket: string; region?: string } | undefined;
  if (spec.storage.enabled) {
    const s = spec.storage;
    switch (s.type) {
      case 'minio':
        storage = { type: 'minio', endpoint: http(names.minio, ports.minioApi), bucket: s.buckets[0]!, region: 'us-east-1' };
        break;
      case 's3':
        storage = { type: 's3', endpoint: s.endpoint ?? `https://s3.${s.region}.amazonaws.com`, bucket: s.bucket, region: s.region };
        break;
      case 'gcs':
        storage = { type: 'gcs', endpoint: 'https://storage.googleapis.com', bucket: s.bucket };
        break;
      case 'adls':
        storage = { type: 'adls', endpoint: `https://${s.account}.dfs.core.windows.net`, bucket: s.container };
        break;
    }
  }
  const registry = spec.registry.enabled
    ? (spec.registry.type === 'inCluster' ? `${serviceHost(names.registry, ns)}:${ports.registry}` : spec.registry.url)
    : undefined;
  return {
    // The Iceberg REST base URI (clients append /v1/...): Polaris serves it under /api/catalog, the reference server at its root.
    catalogUri: !spec.catalog.enabled ? undefined
      : spec.catalog.type === 'polaris' ? http(names.polaris, ports.polarisApi, '/api/catalog') : http(names.icebergRest, ports.icebergRest),
    catalogManagementUri: spec.catalog.enabled && spec.catalog.type === 'polaris' ? http(names.polaris, ports.polarisApi, '/api/management/v1') : undefined,
    // The catalog (Polaris "warehouse") is named after the bucket that holds its tables.
    catalogWarehouse: spec.catalog.enabled ? storage?.bucket : undefined,
    storage,
    orchestratorUrl: spec.orchestrator.enabled ? http(names.dagsterWebserver, ports.dagsterWebserver) : undefined,
    registry,
    otlpHttp: spec.observability.collector.enabled ? http(names.collector, ports.otlpHttp) : undefined,
    otlpGrpc: spec.observability.collector.enabled ? http(names.collector, ports.otlpGrpc) : undefined,
    prometheus: spec.observability.prometheus.enabled ? http(names.prometheus, ports.prometheus) : undefined,
  };
}

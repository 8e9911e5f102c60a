import type { CollectorExporter, Platform } from '@floe/spec';
import { ports } from '../kube/ports.js';

/** Env the collector's config reads: the pod IP its listeners bind. */
export const podIpEnv = 'MY_POD_IP';

/** The env var holding an exporter's `authorization` header (from its headersSecretRef). */
export function exporterHeaderEnv(exporter: Extract<CollectorExporter, { type: 'otlp' | 'otlphttp' }>): string {
  return `OTLP_${exporter.name.toUpperCase().replace(/-/g, '_')}_AUTHORIZATION`;
}

function exporterEntry(exporter: CollectorExporter): [string, Record<string, unknown>] {
  switch (exporter.type) {
    case 'debug':
      return ['debug', { verbosity: exporter.verbosity }];
    case 'otlp':
      return [`otlp/${exporter.name}`, {
        endpoint: exporter.endpoint,
        tls: { insecure: exporter.insecure },
        ...(exporter.headersSecretRef ? { headers: { authorization: `\${env:${exporterHeaderEnv(exporter)}}` } } : {}),
      }];
    case 'otlphttp':
      return [`otlphttp/${exporter.name}`, {
        endpoint: exporter.endpoint,
        ...(exporter.headersSecretRef ? { headers: { authorization: `\${env:${exporterHeaderEnv(exporter)}}` } } : {}),
      }];
  }
}

/**
 * The collector's pipeline config: OTLP gRPC and HTTP in, memory limiter and
 * batching, the spec's exporters out, plus a Prometheus exporter for
 * pipeline metrics when Prometheus is on. Every listener binds the pod IP
 * (the health_check extension must, for kubelet probes to reach it).
 */
export function collectorConfig(platform: Platform) {
  const collector = platform.spec.observability.collector;
  const ip = `\${env:${podIpEnv}}`;
  const exporters: Record<string, unknown> = {};
  for (const exporter of collector.exporters) {
    const [name, config] = exporterEntry(exporter);
    exporters[name] = config;
  }
  const outputs = Object.keys(exporters);
  const prometheus = platform.spec.observability.prometheus.enabled;
  if (prometheus) exporters['prometheus'] = { endpoint: `${ip}:${ports.collectorPrometheus}`, resource_to_telemetry_conversion: { enabled: true } };
  const pipeline = (extra: readonly string[]) => ({ receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: [...outputs, ...extra] });
  return {
    receivers: { otlp: { protocols: { grpc: { endpoint: `${ip}:${ports.otlpGrpc}` }, http: { endpoint: `${ip}:${ports.otlpHttp}` } } } },
    processors: {
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 },
      batch: {},
    },
    exporters,
    extensions: { health_check: { endpoint: `${ip}:${ports.collectorHealth}` } },
    service: {
      extensions: ['health_check'],
      telemetry: { metrics: { readers: [{ pull: { exporter: { prometheus: { host: ip, port: ports.collectorMetrics } } } }] } },
      pipelines: {
        traces: pipeline([]),
        metrics: pipeline(prometheus ? ['prometheus'] : []),
        logs: pipeline([]),
      },
    },
  };
}

import { runtimeEnv } from '@floe/manifests';
import type { Env } from '../config/job-environment.js';

/** Upper bound on the span export: an unreachable collector never delays exit by more. */
export const defaultExportTimeoutMs = 3000;

export interface OtlpSettings {
  /** Full URL of the traces endpoint, undefined when tracing is off. */
  readonly tracesUrl: string | undefined;
  readonly serviceName: string;
  readonly resourceAttributes: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly traceparent: string | undefined;
}

/**
 * Reads the standard OpenTelemetry env: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
 * (used as is) or OTEL_EXPORTER_OTLP_ENDPOINT (+ `/v1/traces`),
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES (`k=v,k2=v2`, percent-encoded
 * values) and OTEL_EXPORTER_OTLP_TIMEOUT (ms, capped at the default bound).
 */
export function readOtlpSettings(env: Env): OtlpSettings {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  const endpoint = env[runtimeEnv.otlpEndpoint];
  const tracesUrl = tracesEndpoint || (endpoint ? `${endpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  const timeout = Number(env.OTEL_EXPORTER_OTLP_TIMEOUT);
  return {
    tracesUrl,
    serviceName: env[runtimeEnv.otelServiceName] || 'floe-job',
    resourceAttributes: parseResourceAttributes(env[runtimeEnv.otelResourceAttributes]),
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, defaultExportTimeoutMs) : defaultExportTimeoutMs,
    traceparent: env[runtimeEnv.traceparent],
  };
}

/** Parses OTEL_RESOURCE_ATTRIBUTES; malformed pairs are skipped, as the SDKs do. */
export function parseResourceAttributes(value: string | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) continue;
    const key = pair.slice(0, separator).trim();
    try {
      attributes[key] = decodeURIComponent(pair.slice(separator + 1).trim());
    } catch {
      // not percent-decodable: skip it
    }
  }
  return attributes;
}

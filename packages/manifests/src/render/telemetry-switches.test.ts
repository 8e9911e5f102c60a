import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePlatform, podTemplates } from '../../test/fixtures.js';
import { renderPlatform } from './render-platform.js';

const objects = renderPlatform(examplePlatform()).objects;

/** The env a workload's first container sees: its own `env` values and the ConfigMaps it reads by `envFrom`. */
function envOf(workload: string): Record<string, string> {
  const pod = podTemplates(objects).find((candidate) => candidate.owner.metadata.name === workload);
  if (!pod) throw new Error(`no workload ${workload}`);
  const [container] = pod.spec.containers;
  const fromConfigMaps = ((container?.['envFrom'] ?? []) as { configMapRef?: { name: string } }[]).flatMap((source) => {
    const configMap = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === source.configMapRef?.name);
    return Object.entries((configMap?.['data'] ?? {}) as Record<string, string>);
  });
  const own = (container?.env ?? []).flatMap((entry) => (entry.value === undefined ? [] : [[entry.name, entry.value] as const]));
  return Object.fromEntries([...fromConfigMaps, ...own]);
}

describe('telemetry and update checks', () => {
  it('are off in Dagster: telemetry.enabled false in the dagster.yaml of both namespaces (webserver, daemon, code location, run workers)', () => {
    const instances = objects.filter((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-dagster-instance');
    expect(instances.map((object) => object.metadata.namespace)).toEqual(['floe-platform', 'floe-jobs']);
    for (const instance of instances) {
      expect((parse((instance['data'] as Record<string, string>)['dagster.yaml']!) as { telemetry: unknown }).telemetry).toEqual({ enabled: false });
    }
  });

  it.each([
    ['acme-data-cube-api', 'CUBEJS_TELEMETRY', 'false'],
    ['acme-data-cube-refresh-worker', 'CUBEJS_TELEMETRY', 'false'],
    ['acme-data-cubestore-router', 'CUBESTORE_TELEMETRY', 'false'],
    ['acme-data-cubestore-worker', 'CUBESTORE_TELEMETRY', 'false'],
    ['acme-data-grafana', 'GF_ANALYTICS_REPORTING_ENABLED', 'false'],
    ['acme-data-grafana', 'GF_ANALYTICS_CHECK_FOR_UPDATES', 'false'],
    ['acme-data-grafana', 'GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES', 'false'],
    ['acme-data-minio', 'MINIO_UPDATE', 'off'],
    ['acme-data-registry', 'OTEL_TRACES_EXPORTER', 'none'],
  ])('are off in %s: %s=%s', (workload, name, value) => {
    expect(envOf(workload)[name]).toBe(value);
  });
});

import type { Platform } from '@floe/spec';
import { objectName } from './object-name.js';

/**
 * Every object name floe renders for a platform, in one place: components,
 * the platform ConfigMap, NetworkPolicies and credentials all read them here.
 * Prefixed with the platform name (at most 30 characters) so two platforms
 * can share a namespace.
 */
export function platformNames(platform: Platform) {
  const n = (suffix: string) => objectName(platform.metadata.name, suffix);
  return {
    platformNamespace: platform.spec.namespaces.platform,
    jobsNamespace: platform.spec.namespaces.jobs,
    platformConfig: 'floe-platform-config',
    jobRunner: n('job-runner'),
    dagster: n('dagster'),
    dagsterWebserver: n('dagster-webserver'),
    dagsterDaemon: n('dagster-daemon'),
    dagsterDatabase: n('dagster-postgresql'),
    dagsterInstance: n('dagster-instance'),
    dagsterWorkspace: n('dagster-workspace'),
    dagsterRunLauncher: n('dagster-run-launcher'),
    polaris: n('polaris'),
    polarisConfig: n('polaris-config'),
    polarisDatabase: n('polaris-postgresql'),
    polarisRoot: n('polaris-root'),
    polarisTokenKey: n('polaris-token-key'),
    polarisBootstrap: n('polaris-bootstrap'),
    polarisCatalogBootstrap: n('polaris-catalog-bootstrap'),
    polarisSteps: n('polaris-steps'),
    icebergRest: n('iceberg-rest'),
    icebergRestConfig: n('iceberg-rest-config'),
    icebergRestDatabase: n('iceberg-rest-postgresql'),
    icebergRestClient: n('iceberg-rest-client'),
    cube: n('cube'),
    cubeApi: n('cube-api'),
    cubeRefreshWorker: n('cube-refresh-worker'),
    cubeConfig: n('cube-config'),
    cubeApiSecret: n('cube-api-secret'),
    cubestoreRouter: n('cubestore-router'),
    cubestoreWorker: n('cubestore-worker'),
    redis: n('cube-redis'),
    collector: n('otel-collector'),
    collectorConfig: n('otel-collector-config'),
    prometheus: n('prometheus'),
    prometheusConfig: n('prometheus-config'),
    grafana: n('grafana'),
    grafanaConfig: n('grafana-config'),
    grafanaAdmin: n('grafana-admin'),
    minio: n('minio'),
    minioCredentials: n('minio-credentials'),
    minioBuckets: n('minio-buckets'),
    registry: n('registry'),
    networkPolicy: (suffix: string) => n(suffix),
  };
}

export type PlatformNames = ReturnType<typeof platformNames>;

/** The in-cluster DNS name of a Service, independent of the cluster domain. */
export function serviceHost(service: string, namespace: string): string {
  return `${service}.${namespace}.svc`;
}

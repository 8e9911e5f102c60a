/**
 * Pinned default images of every platform service and of floe's own images.
 * A spec may override each one per component, and send all of them through
 * a registry mirror (`spec.images.mirror`); floe never defaults to a
 * floating `latest`.
 */
export const defaultImages = {
  // Matches the Dagster the code location pins (orchestrator/dagster-floe): dagster-k8s 0.29.27 needs dagster 1.13.27.
  dagster: 'dagster/dagster-k8s:1.13.27',
  postgres: 'postgres:18.1',
  polaris: 'apache/polaris:1.7.0',
  polarisAdmin: 'apache/polaris-admin-tool:1.7.0',
  // Apache Iceberg's reference REST catalog server (org.apache.iceberg:iceberg-open-api test fixtures).
  icebergRest: 'apache/iceberg-rest-fixture:1.10.1',
  cube: 'cubejs/cube:v1.7.0',
  cubestore: 'cubejs/cubestore:v1.7.0',
  redis: 'redis:8.2.2',
  collector: 'otel/opentelemetry-collector-contrib:0.150.0',
  prometheus: 'quay.io/prometheus/prometheus:v3.7.3',
  grafana: 'grafana/grafana:13.0.0',
  // MinIO community edition is unmaintained; this is its last published image.
  minio: 'quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z',
  minioClient: 'quay.io/minio/mc:RELEASE.2025-08-13T08-35-41Z',
  registry: 'registry:3.0.0',
  floeJob: 'ghcr.io/floe-dev/floe-job:0.1.0',
  // The Dagster code location and run workers: dagster + dagster_floe + the floe CLI (images/floe-dagster).
  floeDagster: 'ghcr.io/floe-dev/floe-dagster:0.1.0',
} as const;

import type { AppIdentity } from './labels.js';

/** The identity (name + component labels) of every kind of pod and object floe renders. */
export const apps = {
  floe: { name: 'floe', component: 'platform' },
  dagster: { name: 'dagster', component: 'orchestrator' },
  dagsterWebserver: { name: 'dagster', component: 'webserver' },
  dagsterDaemon: { name: 'dagster', component: 'daemon' },
  dagsterDatabase: { name: 'dagster', component: 'database' },
  dagsterCodeLocation: { name: 'dagster', component: 'code-location' },
  // Dagster's run workers (K8sRunLauncher Jobs in the jobs namespace): the run launcher's `labels` give them this identity.
  dagsterRunWorker: { name: 'dagster', component: 'run-worker' },
  polaris: { name: 'polaris', component: 'catalog' },
  polarisDatabase: { name: 'polaris', component: 'database' },
  polarisBootstrap: { name: 'polaris', component: 'bootstrap' },
  polarisCatalogBootstrap: { name: 'polaris', component: 'catalog-bootstrap' },
  icebergRest: { name: 'iceberg-rest', component: 'catalog' },
  icebergRestDatabase: { name: 'iceberg-rest', component: 'database' },
  cube: { name: 'cube', component: 'semantic' },
  cubeApi: { name: 'cube', component: 'api' },
  cubeRefreshWorker: { name: 'cube', component: 'refresh-worker' },
  cubestoreRouter: { name: 'cubestore', component: 'router' },
  cubestoreWorker: { name: 'cubestore', component: 'worker' },
  redis: { name: 'redis', component: 'cache' },
  collector: { name: 'otel-collector', component: 'collector' },
  prometheus: { name: 'prometheus', component: 'metrics' },
  grafana: { name: 'grafana', component: 'dashboards' },
  minio: { name: 'minio', component: 'storage' },
  minioBuckets: { name: 'minio', component: 'bucket-setup' },
  registry: { name: 'registry', component: 'registry' },
  pipelineStep: { name: 'floe-job', component: 'pipeline-step' },
} as const satisfies Record<string, AppIdentity>;

import type { Platform, PostgresDatabase } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { AppIdentity } from '../kube/labels.js';
import { ports } from '../kube/ports.js';
import { codeLocation } from '../dagster/code-location-contract.js';
import { platformNames } from '../naming/platform-names.js';
import { metricsEndpoints } from '../observability/metrics-endpoints.js';

/** Pods of one app in one namespace. */
export interface PodGroup {
  readonly namespace: string;
  readonly app: AppIdentity;
}

/**
 * One allowed connection. `to` is a pod group, or `outside`: any address
 * (external databases and object storage, the API server, exporters); an
 * empty port list there means every port.
 */
export interface TrafficFlow {
  readonly from: PodGroup;
  readonly to: PodGroup | 'outside';
  readonly ports: readonly number[];
}

/** A pod group that accepts connections from anywhere on `ports` (user-facing UIs and APIs). */
export interface ExposedPort {
  readonly to: PodGroup;
  readonly ports: readonly number[];
}

const externalStoragePorts = [443];

/**
 * Every connection the platform's pods make, derived from the spec: the one
 * table both the NetworkPolicies and their tests are built from.
 */
export function trafficFlows(platform: Platform): { flows: TrafficFlow[]; exposed: ExposedPort[] } {
  const names = platformNames(platform);
  const { spec } = platform;
  const p = (app: AppIdentity): PodGroup => ({ namespace: names.platformNamespace, app });
  const jobs: PodGroup = { namespace: names.jobsNamespace, app: apps.pipelineStep };
  const runWorkers: PodGroup = { namespace: names.jobsNamespace, app: apps.dagsterRunWorker };
  const apiServerPorts = spec.networkPolicies.apiServer.ports;
  const flows: TrafficFlow[] = [];
  const exposed: ExposedPort[] = [];
  const flow = (from: PodGroup, to: PodGroup | 'outside', list: readonly number[]) => flows.push({ from, to, ports: list });
  const toDatabase = (from: PodGroup, database: PostgresDatabase, app: AppIdentity) => {
    if (database.type === 'inCluster') flow(from, p(app), [ports.postgres]);
    else flow(from, 'outside', [database.port]);
  };
  const minio = spec.storage.enabled && spec.storage.type === 'minio';
  const toStorage = (from: PodGroup) => {
    if (!spec.storage.enabled) return;
    if (minio) flow(from, p(apps.minio), [ports.minioApi]);
    else flow(from, 'outside', externalStoragePorts);
  };

  if (spec.orchestrator.enabled) {
    // Everything that opens the Dagster instance (dagster.yaml's Postgres storage): webserver, daemon,
    // the code location (sensors read run records) and the run workers; never the step pods.
    for (const from of [p(apps.dagsterWebserver), p(apps.dagsterDaemon), p(apps.dagsterCodeLocation), runWorkers]) {
      toDatabase(from, spec.orchestrator.database, apps.dagsterDatabase);
    }
    // workspace.yaml: the webserver and the daemon load definitions from the code location over gRPC.
    flow(p(apps.dagsterWebserver), p(apps.dagsterCodeLocation), [codeLocation.grpcPort]);
    flow(p(apps.dagsterDaemon), p(apps.dagsterCodeLocation), [codeLocation.grpcPort]);
    // K8sRunLauncher (daemon; the webserver terminates runs) and the run workers' `floe job run`.
    flow(p(apps.dagsterWebserver), 'outside', apiServerPorts);
    flow(p(apps.dagsterDaemon), 'outside', apiServerPorts);
    flow(runWorkers, 'outside', apiServerPorts);
    exposed.push({ to: p(apps.dagsterWebserver), ports: [ports.dagsterWebserver] });
  }
  // The catalog's server and the port of its Iceberg REST API, whichever catalog it is.
  const catalog = !spec.catalog.enabled ? undefined
    : spec.catalog.type === 'polaris' ? { app: apps.polaris, port: ports.polarisApi } : { app: apps.icebergRest, port: ports.icebergRest };
  if (spec.catalog.enabled && spec.catalog.type === 'polaris') {
    toDatabase(p(apps.polaris), spec.catalog.database, apps.polarisDatabase);
    toDatabase(p(apps.polarisBootstrap), spec.catalog.database, apps.polarisDatabase);
    // The catalog bootstrap calls the management API (and the token endpoint) on the API port.
    flow(p(apps.polarisCatalogBootstrap), p(apps.polaris), [ports.polarisApi]);
  }
  if (spec.catalog.enabled && spec.catalog.type === 'iceberg-rest') toDatabase(p(apps.icebergRest), spec.catalog.database, apps.icebergRestDatabase);
  if (catalog) {
    toStorage(p(catalog.app));
    flow(jobs, p(catalog.app), [catalog.port]);
  }
  toStorage(jobs);
  if (minio) flow(p(apps.minioBuckets), p(apps.minio), [ports.minioApi]);
  if (spec.semantic.enabled) {
    for (const cube of [p(apps.cubeApi), p(apps.cubeRefreshWorker)]) {
      if (spec.semantic.cache.type === 'cubestore') flow(cube, p(apps.cubestoreRouter), [ports.cubestoreHttp]);
      else flow(cube, p(apps.redis), [ports.redis]);
      if (catalog) flow(cube, p(catalog.app), [catalog.port]);
      toStorage(cube);
    }
    if (spec.semantic.cache.type === 'cubestore') {
      flow(p(apps.cubestoreRouter), p(apps.cubestoreWorker), [ports.cubestoreWorker]);
      flow(p(apps.cubestoreWorker), p(apps.cubestoreRouter), [ports.cubestoreMeta]);
      toStorage(p(apps.cubestoreRouter));
      toStorage(p(apps.cubestoreWorker));
    }
    exposed.push({ to: p(apps.cubeApi), ports: [ports.cube] });
  }
  const observability = spec.observability;
  if (observability.collector.enabled) {
    flow(jobs, p(apps.collector), [ports.otlpGrpc, ports.otlpHttp]);
    if (observability.collector.exporters.some((exporter) => exporter.type !== 'debug')) flow(p(apps.collector), 'outside', []);
  }
  if (observability.prometheus.enabled) {
    flow(p(apps.prometheus), 'outside', apiServerPorts);
    for (const endpoint of metricsEndpoints(platform)) flow(p(apps.prometheus), p(endpoint.app), [endpoint.targetPort]);
  }
  if (observability.grafana.enabled) {
    flow(p(apps.grafana), p(apps.prometheus), [ports.prometheus]);
    exposed.push({ to: p(apps.grafana), ports: [ports.grafana] });
  }
  if (spec.registry.enabled && spec.registry.type === 'inCluster') exposed.push({ to: p(apps.registry), ports: [ports.registry] });
  return { flows, exposed };
}

import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import type { AppIdentity } from '../kube/labels.js';
import { container, envFromSecret, envValue, httpProbe, tcpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames, serviceHost } from '../naming/platform-names.js';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';
import { configMap } from '../workloads/config-map.js';
import { deployment } from '../workloads/deployment.js';
import { horizontalPodAutoscaler, podDisruptionBudget } from '../workloads/scaling.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { cubeRunAs } from './cube-run-as.js';
import { renderCubestore } from './render-cubestore.js';
import { renderRedis } from './render-redis.js';
import { platformImage } from '../images/platform-image.js';

/**
 * Cube: API Deployment + Service, one refresh worker (it builds
 * pre-aggregations; more would duplicate work) and the cache: Cube Store
 * (default) or Redis (Cube < 0.36 only). Cube reads the lakehouse through
 * DuckDB against the platform's object storage.
 */
export function renderCube(platform: Platform): KubeObject[] {
  const spec = platform.spec.semantic;
  if (!spec.enabled) return [];
  const names = platformNames(platform);
  const ns = names.platformNamespace;
  const credentials = credentialPlan(platform);
  const storage = platformEndpoints(platform).storage;
  const cache = spec.cache;
  const image = platformImage(platform, spec.image);
  const cacheConfig: Record<string, string> = cache.type === 'cubestore'
    ? { CUBEJS_CACHE_AND_QUEUE_DRIVER: 'cubestore', CUBEJS_CUBESTORE_HOST: serviceHost(names.cubestoreRouter, ns), CUBEJS_CUBESTORE_PORT: String(ports.cubestoreHttp) }
    : { CUBEJS_CACHE_AND_QUEUE_DRIVER: 'redis', CUBEJS_REDIS_URL: `redis://${serviceHost(names.redis, ns)}:${ports.redis}` };
  const storageConfig: Record<string, string> = storage && (storage.type === 'minio' || storage.type === 's3')
    ? {
        CUBEJS_DB_DUCKDB_S3_ENDPOINT: storage.endpoint.replace(/^https?:\/\//, ''),
        CUBEJS_DB_DUCKDB_S3_USE_SSL: String(storage.endpoint.startsWith('https://')),
        CUBEJS_DB_DUCKDB_S3_URL_STYLE: storage.type === 'minio' ? 'path' : 'vhost',
        ...(storage.region ? { CUBEJS_DB_DUCKDB_S3_REGION: storage.region } : {}),
      }
    : {};
  const config = configMap(platform, {
    name: names.cubeConfig, namespace: ns, app: apps.cube, image,
    data: {
      CUBEJS_DEV_MODE: 'false',
      CUBEJS_TELEMETRY: 'false',
      CUBEJS_LOG_LEVEL: 'info',
      CUBEJS_SCHEMA_PATH: 'model',
      CUBEJS_DB_TYPE: 'duckdb',
      ...storageConfig,
      ...cacheConfig,
    },
  });
  const secretEnv = [
    envFromSecret('CUBEJS_API_SECRET', credentials.cubeApiSecret!.secret, credentials.cubeApiSecret!.key),
    ...(credentials.storage && storage && (storage.type === 'minio' || storage.type === 's3') ? [
      envFromSecret('CUBEJS_DB_DUCKDB_S3_ACCESS_KEY_ID', credentials.storage.accessKeyId.secret, credentials.storage.accessKeyId.key),
      envFromSecret('CUBEJS_DB_DUCKDB_S3_SECRET_ACCESS_KEY', credentials.storage.secretAccessKey.secret, credentials.storage.secretAccessKey.key),
    ] : []),
    ...(credentials.redisPassword ? [envFromSecret('CUBEJS_REDIS_PASSWORD', credentials.redisPassword.secret, credentials.redisPassword.key)] : []),
  ];
  const generated = [credentials.cubeApiSecret!.secret, ...(credentials.redisPassword ? [credentials.redisPassword.secret] : [])].join(',');
  const cubePod = (app: AppIdentity, extraEnv: Record<string, unknown>[]) => podTemplate(platform, {
    labels: objectLabels(platform, app, { image }),
    runAs: cubeRunAs,
    serviceAccountName: names.cube,
    configs: [config],
    containers: [container({
      name: 'cube',
      image,
      ports: [{ name: 'http', containerPort: ports.cube }],
      env: [envValue('HOME', '/tmp'), ...extraEnv, ...secretEnv],
      envFrom: [{ configMapRef: { name: names.cubeConfig } }],
      resources: containerResources(spec.server.resources),
      volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'model', mountPath: '/cube/conf/model' }],
      startupProbe: tcpProbe('http', { periodSeconds: 5, failureThreshold: 60 }),
      // /livez also checks the data source; a data-source outage must not restart Cube.
      livenessProbe: tcpProbe('http', { periodSeconds: 10, failureThreshold: 6 }),
      readinessProbe: httpProbe('/readyz', 'http', { periodSeconds: 10 }),
    }, cubeRunAs)],
    // The data model is deployed with pipelines (a later issue); until then Cube serves an empty one.
    volumes: [emptyDirVolume('tmp'), emptyDirVolume('model', { sizeLimit: '64Mi' })],
  });
  const apiMeta = { name: names.cubeApi, namespace: ns, app: apps.cubeApi, image };
  const scaling = { ...apiMeta, replicas: spec.server.replicas, autoscaling: spec.server.autoscaling };
  return [
    serviceAccount(platform, { name: names.cube, namespace: ns, app: apps.cube, image }),
    config,
    service(platform, { ...apiMeta, blueGreenOf: names.cubeApi, ports: [{ name: 'http', port: ports.cube }] }),
    ...(cache.type === 'cubestore' ? renderCubestore(platform, cache) : renderRedis(platform, cache)),
    deployment(platform, {
      ...apiMeta,
      annotations: { [generatedCredentialAnnotation]: generated },
      blueGreen: true,
      replicas: spec.server.replicas,
      ...(spec.server.autoscaling ? { autoscaling: spec.server.autoscaling } : {}),
      template: cubePod(apps.cubeApi, []),
    }),
    deployment(platform, {
      name: names.cubeRefreshWorker, namespace: ns, app: apps.cubeRefreshWorker, image,
      annotations: { [generatedCredentialAnnotation]: generated },
      replicas: 1,
      template: cubePod(apps.cubeRefreshWorker, [envValue('CUBEJS_REFRESH_WORKER', 'true')]),
    }),
    ...horizontalPodAutoscaler(platform, scaling),
    ...podDisruptionBudget(platform, scaling),
  ];
}

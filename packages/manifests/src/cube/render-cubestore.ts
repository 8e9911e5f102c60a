import type { Platform, Semantic } from '@floe/spec';
import { apps } from '../kube/apps.js';
import { container, envFromField, envValue, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames, serviceHost } from '../naming/platform-names.js';
import { service } from '../workloads/service.js';
import { statefulSet } from '../workloads/stateful-set.js';
import { cubeRunAs } from './cube-run-as.js';
import { cubestoreRemoteStorageEnv } from './cubestore-remote-storage.js';
import { platformImage } from '../images/platform-image.js';

type CubestoreCache = Extract<Semantic['cache'], { type: 'cubestore' }>;

const dataDir = '/cube/.cubestore/data';

/**
 * Cube Store: a router and N workers, each a StatefulSet behind a headless
 * Service. StatefulSets because the router lists every worker by its stable
 * DNS name (`CUBESTORE_WORKERS`) and each keeps a local data directory on
 * its own volume; the shared state lives in object storage.
 */
export function renderCubestore(platform: Platform, cache: CubestoreCache): KubeObject[] {
  const names = platformNames(platform);
  const ns = names.platformNamespace;
  const workerHost = (index: number) => `${names.cubestoreWorker}-${index}.${serviceHost(names.cubestoreWorker, ns)}:${ports.cubestoreWorker}`;
  const workers = Array.from({ length: cache.workers }, (_, index) => workerHost(index)).join(',');
  const routerMeta = `${serviceHost(names.cubestoreRouter, ns)}:${ports.cubestoreMeta}`;
  const image = platformImage(platform, cache.image);
  const common = [
    envValue('CUBESTORE_DATA_DIR', dataDir),
    envValue('CUBESTORE_WORKERS', workers),
    envValue('CUBESTORE_TELEMETRY', 'false'),
    envValue('CUBESTORE_LOG_LEVEL', 'info'),
    ...cubestoreRemoteStorageEnv(platform),
  ];
  const probes = {
    // Every second while it starts (five minutes in all), as PostgreSQL's: Cube's servers wait for it Ready.
    startupProbe: httpProbe('/livez', 'status', { periodSeconds: 1, failureThreshold: 300 }),
    livenessProbe: httpProbe('/livez', 'status', { periodSeconds: 10, failureThreshold: 6 }),
    readinessProbe: httpProbe('/readyz', 'status', { periodSeconds: 5 }),
  };
  const mounts = [{ name: 'data', mountPath: dataDir }, { name: 'tmp', mountPath: '/tmp' }];
  const claims = [{ name: 'data', size: cache.storage.size, storageClass: cache.storage.storageClass }];
  const router = { name: names.cubestoreRouter, namespace: ns, app: apps.cubestoreRouter, image };
  const worker = { name: names.cubestoreWorker, namespace: ns, app: apps.cubestoreWorker, image };
  return [
    service(platform, { ...router, headless: true, ports: [{ name: 'http', port: ports.cubestoreHttp }, { name: 'meta', port: ports.cubestoreMeta }, { name: 'status', port: ports.cubestoreStatus }] }),
    service(platform, { ...worker, headless: true, ports: [{ name: 'worker', port: ports.cubestoreWorker }, { name: 'status', port: ports.cubestoreStatus }] }),
    statefulSet(platform, {
      ...router,
      replicas: 1,
      serviceName: names.cubestoreRouter,
      volumeClaims: claims,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.cubestoreRouter, { image }),
        runAs: cubeRunAs,
        serviceAccountName: names.cube,
        containers: [container({
          name: 'cubestore',
          image,
          ports: [{ name: 'http', containerPort: ports.cubestoreHttp }, { name: 'meta', containerPort: ports.cubestoreMeta }, { name: 'status', containerPort: ports.cubestoreStatus }],
          env: [
            envValue('CUBESTORE_SERVER_NAME', routerMeta),
            envValue('CUBESTORE_META_PORT', String(ports.cubestoreMeta)),
            envValue('CUBESTORE_HTTP_PORT', String(ports.cubestoreHttp)),
            ...common,
          ],
          resources: containerResources(cache.resources),
          volumeMounts: mounts,
          ...probes,
        }, cubeRunAs)],
        volumes: [emptyDirVolume('tmp')],
      }),
    }),
    statefulSet(platform, {
      ...worker,
      replicas: cache.workers,
      serviceName: names.cubestoreWorker,
      podManagementPolicy: 'Parallel',
      volumeClaims: claims,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.cubestoreWorker, { image }),
        runAs: cubeRunAs,
        serviceAccountName: names.cube,
        containers: [container({
          name: 'cubestore',
          image,
          ports: [{ name: 'worker', containerPort: ports.cubestoreWorker }, { name: 'status', containerPort: ports.cubestoreStatus }],
          env: [
            envFromField('POD_NAME', 'metadata.name'),
            envValue('CUBESTORE_SERVER_NAME', `$(POD_NAME).${serviceHost(names.cubestoreWorker, ns)}:${ports.cubestoreWorker}`),
            envValue('CUBESTORE_WORKER_PORT', String(ports.cubestoreWorker)),
            envValue('CUBESTORE_META_ADDR', routerMeta),
            ...common,
          ],
          resources: containerResources(cache.resources),
          volumeMounts: mounts,
          ...probes,
        }, cubeRunAs)],
        volumes: [emptyDirVolume('tmp')],
      }),
    }),
  ];
}

import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import { container, envValue, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { objectMeta } from '../kube/object-meta.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { deployment } from '../workloads/deployment.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { platformImage } from '../images/platform-image.js';

// distribution runs as root by default.
const runAs = { user: 1000, group: 1000, fsGroup: 1000 };

/**
 * The in-cluster OCI registry (distribution v3, filesystem storage): a
 * Deployment with one replica and a PVC, and a Service. `Recreate`, because
 * a surge pod on another node could never attach the ReadWriteOnce volume.
 * An external registry renders nothing; its URL flows into configuration.
 */
export function renderRegistry(platform: Platform): KubeObject[] {
  const spec = platform.spec.registry;
  if (!spec.enabled || spec.type !== 'inCluster') return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const meta = { name: names.registry, namespace: names.platformNamespace, app: apps.registry, image };
  return [
    serviceAccount(platform, meta),
    {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: objectMeta(platform, meta),
      spec: {
        accessModes: ['ReadWriteOnce'],
        ...(spec.storage.storageClass ? { storageClassName: spec.storage.storageClass } : {}),
        resources: { requests: { storage: spec.storage.size } },
      },
    },
    service(platform, { ...meta, ports: [{ name: 'http', port: ports.registry }, { name: 'debug', port: ports.registryDebug }] }),
    deployment(platform, {
      ...meta,
      replicas: 1,
      recreate: true,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.registry, { image }),
        runAs,
        serviceAccountName: names.registry,
        containers: [container({
          name: 'registry',
          image,
          ports: [{ name: 'http', containerPort: ports.registry }, { name: 'debug', containerPort: ports.registryDebug }],
          env: [
            envValue('REGISTRY_HTTP_ADDR', `:${ports.registry}`),
            envValue('REGISTRY_HTTP_DEBUG_ADDR', `:${ports.registryDebug}`),
            envValue('REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED', 'true'),
            envValue('REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY', '/var/lib/registry'),
            envValue('REGISTRY_STORAGE_DELETE_ENABLED', 'true'),
            // distribution v3 exports traces over OTLP to localhost:4318 unless told otherwise: nothing listens there.
            envValue('OTEL_TRACES_EXPORTER', 'none'),
          ],
          resources: containerResources(spec.resources),
          volumeMounts: [{ name: 'data', mountPath: '/var/lib/registry' }, { name: 'tmp', mountPath: '/tmp' }],
          livenessProbe: httpProbe('/', 'http', { periodSeconds: 10, failureThreshold: 6 }),
          readinessProbe: httpProbe('/', 'http', { periodSeconds: 5 }),
        }, runAs)],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: names.registry } }, emptyDirVolume('tmp')],
      }),
    }),
  ];
}

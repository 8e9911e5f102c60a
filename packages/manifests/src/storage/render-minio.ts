import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, envValue, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources, helperResources } from '../kube/resources.js';
import { platformNames, serviceHost } from '../naming/platform-names.js';
import { setupJob } from '../workloads/batch-job.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { statefulSet } from '../workloads/stateful-set.js';
import { platformImage } from '../images/platform-image.js';

// MinIO runs as root by default.
const runAs = { user: 1000, group: 1000, fsGroup: 1000 };

/**
 * MinIO in the cluster: a single-node StatefulSet (its data volume follows
 * the pod), a Service (S3 API, console) and a Job that creates the buckets
 * with `mc mb --ignore-existing`, so it can run any number of times. Object
 * storage outside the cluster (S3, GCS, ADLS) renders nothing here: it only
 * flows into configuration.
 */
export function renderMinio(platform: Platform): KubeObject[] {
  const spec = platform.spec.storage;
  if (!spec.enabled || spec.type !== 'minio') return [];
  const names = platformNames(platform);
  const ns = names.platformNamespace;
  const image = platformImage(platform, spec.image);
  const clientImage = platformImage(platform, spec.clientImage);
  const credentials = credentialPlan(platform).storage!;
  const meta = { name: names.minio, namespace: ns, app: apps.minio, image };
  const annotations = spec.credentialsSecretRef ? undefined : { [generatedCredentialAnnotation]: credentials.accessKeyId.secret };
  const rootEnv = (user: string, password: string) => [
    envFromSecret(user, credentials.accessKeyId.secret, credentials.accessKeyId.key),
    envFromSecret(password, credentials.secretAccessKey.secret, credentials.secretAccessKey.key),
  ];
  const endpoint = `http://${serviceHost(names.minio, ns)}:${ports.minioApi}`;
  const buckets = spec.buckets.map((bucket) => `"floe/${bucket}"`).join(' ');
  return [
    serviceAccount(platform, meta),
    service(platform, { ...meta, ports: [{ name: 'api', port: ports.minioApi }, { name: 'console', port: ports.minioConsole }] }),
    statefulSet(platform, {
      ...meta,
      ...(annotations ? { annotations } : {}),
      replicas: 1,
      serviceName: names.minio,
      volumeClaims: [{ name: 'data', size: spec.storage.size, storageClass: spec.storage.storageClass }],
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.minio, { image }),
        runAs,
        serviceAccountName: names.minio,
        containers: [container({
          name: 'minio',
          image,
          args: ['server', '/data', '--address', `:${ports.minioApi}`, '--console-address', `:${ports.minioConsole}`],
          ports: [{ name: 'api', containerPort: ports.minioApi }, { name: 'console', containerPort: ports.minioConsole }],
          env: [
            ...rootEnv('MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'),
            // Prometheus scrapes /minio/v2/metrics/cluster without a bearer token.
            envValue('MINIO_PROMETHEUS_AUTH_TYPE', 'public'),
            envValue('MINIO_BROWSER_REDIRECT', 'false'),
            // No update check against dl.min.io (there are no updates anyway: the community edition is frozen).
            envValue('MINIO_UPDATE', 'off'),
            envValue('HOME', '/tmp'),
          ],
          resources: containerResources(spec.resources),
          volumeMounts: [{ name: 'data', mountPath: '/data' }, { name: 'tmp', mountPath: '/tmp' }],
          // Every second while it starts (five minutes in all), as PostgreSQL's: the servers that use it wait for it Ready.
          startupProbe: httpProbe('/minio/health/live', 'api', { periodSeconds: 1, failureThreshold: 300 }),
          livenessProbe: httpProbe('/minio/health/live', 'api', { periodSeconds: 10, failureThreshold: 6 }),
          readinessProbe: httpProbe('/minio/health/ready', 'api', { periodSeconds: 5 }),
        }, runAs)],
        volumes: [emptyDirVolume('tmp')],
      }),
    }),
    setupJob(platform, {
      baseName: names.minioBuckets,
      namespace: ns,
      app: apps.minioBuckets,
      image: clientImage,
      waitsItself: true,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.minioBuckets, { image: clientImage }),
        runAs,
        serviceAccountName: names.minio,
        restartPolicy: 'Never',
        containers: [container({
          name: 'create-buckets',
          image: clientImage,
          command: ['/bin/sh', '-c', bucketScript(endpoint, buckets)],
          env: [envValue('MC_CONFIG_DIR', '/tmp/.mc'), ...rootEnv('ACCESS_KEY', 'SECRET_KEY')],
          resources: helperResources,
          volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        }, runAs)],
        volumes: [emptyDirVolume('tmp', { sizeLimit: '64Mi' })],
      }),
    }),
  ];
}

/**
 * Creates the buckets, waiting up to two minutes for MinIO to answer first (as
 * MinIO's own chart does), polling every 2 s: the Job starts with the
 * workloads, while MinIO's pod starts, and may see refused connections for a
 * few seconds more while the policy enforcer and the Service catch up (seen
 * on the real node).
 */
function bucketScript(endpoint: string, buckets: string): string {
  return [
    'attempt=0',
    `until mc alias set floe "${endpoint}" "$ACCESS_KEY" "$SECRET_KEY" >/tmp/alias.log 2>&1; do`,
    '  attempt=$((attempt + 1))',
    '  if [ "$attempt" -ge 60 ]; then cat /tmp/alias.log >&2; exit 1; fi',
    '  sleep 2',
    'done',
    'cat /tmp/alias.log',
    `mc mb --ignore-existing ${buckets}`,
  ].join('\n');
}


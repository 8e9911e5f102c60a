import type { Platform, PostgresDatabase } from '@floe/spec';
import { container, envFromSecret, envValue, execProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import type { AppIdentity } from '../kube/labels.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import type { SecretKey } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { containerResources } from '../kube/resources.js';
import { service } from '../workloads/service.js';
import { statefulSet } from '../workloads/stateful-set.js';
import { platformImage } from '../images/platform-image.js';

// The official image's postgres user; PG 18 keeps PGDATA under /var/lib/postgresql/18/docker.
const runAs = { user: 999, group: 999, fsGroup: 999 };

export interface PostgresInput {
  readonly app: AppIdentity;
  readonly name: string;
  readonly namespace: string;
  readonly database: Extract<PostgresDatabase, { type: 'inCluster' }>;
  /** Database and user name. */
  readonly owner: string;
  readonly password: SecretKey;
  readonly serviceAccountName: string;
  readonly generated: boolean;
}

/**
 * A single-instance PostgreSQL: a StatefulSet (its volume follows the pod
 * identity across reschedules) and the headless Service clients connect to.
 */
export function postgresStatefulSet(platform: Platform, input: PostgresInput): KubeObject[] {
  const { database } = input;
  const image = platformImage(platform, database.image);
  const pgIsReady = ['pg_isready', '-h', '127.0.0.1', '-U', input.owner, '-d', input.owner];
  const template = podTemplate(platform, {
    labels: objectLabels(platform, input.app, { image }),
    runAs,
    serviceAccountName: input.serviceAccountName,
    terminationGracePeriodSeconds: 120,
    containers: [container({
      name: 'postgres',
      image,
      ports: [{ name: 'postgres', containerPort: ports.postgres }],
      env: [
        envValue('POSTGRES_USER', input.owner),
        envValue('POSTGRES_DB', input.owner),
        envFromSecret('POSTGRES_PASSWORD', input.password.secret, input.password.key),
      ],
      resources: containerResources(database.resources),
      volumeMounts: [
        { name: 'data', mountPath: '/var/lib/postgresql' },
        { name: 'run', mountPath: '/var/run/postgresql' },
        { name: 'tmp', mountPath: '/tmp' },
        { name: 'shm', mountPath: '/dev/shm' },
      ],
      // Every second while it starts (five minutes in all): its servers are applied once it is Ready, and a 5 s period
      // held them back up to 5 s after PostgreSQL accepted connections (seen on the real node). The kubelet runs the
      // readiness probe at once when the startup probe succeeds.
      startupProbe: execProbe(pgIsReady, { periodSeconds: 1, failureThreshold: 300 }),
      livenessProbe: execProbe(pgIsReady, { periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 6 }),
      readinessProbe: execProbe(pgIsReady, { periodSeconds: 5, timeoutSeconds: 5 }),
    }, runAs)],
    volumes: [emptyDirVolume('run', { sizeLimit: '64Mi' }), emptyDirVolume('tmp'), emptyDirVolume('shm', { memory: true, sizeLimit: '256Mi' })],
  });
  const annotations = input.generated ? { [generatedCredentialAnnotation]: input.password.secret } : undefined;
  const meta = { name: input.name, namespace: input.namespace, app: input.app, image };
  return [
    service(platform, { ...meta, headless: true, ports: [{ name: 'postgres', port: ports.postgres }] }),
    statefulSet(platform, {
      ...meta,
      ...(annotations ? { annotations } : {}),
      replicas: 1,
      serviceName: input.name,
      template,
      volumeClaims: [{ name: 'data', size: database.storage.size, storageClass: database.storage.storageClass }],
    }),
  ];
}

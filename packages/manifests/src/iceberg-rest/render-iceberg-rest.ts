import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { platformImage } from '../images/platform-image.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';
import { postgresEndpoint } from '../postgres/postgres-endpoint.js';
import { postgresStatefulSet } from '../postgres/postgres-stateful-set.js';
import { configMap } from '../workloads/config-map.js';
import { deployment } from '../workloads/deployment.js';
import { horizontalPodAutoscaler, podDisruptionBudget } from '../workloads/scaling.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { icebergRestRunAs } from './iceberg-rest-run-as.js';

/**
 * Apache Iceberg's reference REST catalog server (`catalog.type:
 * iceberg-rest`): a JDBC catalog on its own PostgreSQL, table files in the
 * platform's S3-compatible storage through S3FileIO. Configured by the
 * `CATALOG_*` environment the server reads (`CATALOG_` prefix, `__` for `-`,
 * `_` for `.`): catalog properties in a ConfigMap, passwords and keys from
 * Secrets. The server keeps no state of its own, so it scales like Polaris.
 */
export function renderIcebergRest(platform: Platform): KubeObject[] {
  const spec = platform.spec.catalog;
  if (!spec.enabled || spec.type !== 'iceberg-rest') return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const ns = names.platformNamespace;
  const credentials = credentialPlan(platform);
  const password = credentials.icebergRestDatabase!;
  const database = postgresEndpoint(spec.database, names.icebergRestDatabase, ns, 'iceberg');
  const storage = platformEndpoints(platform).storage;
  const s3 = platform.spec.storage;
  const pathStyle = s3.type === 'minio' || (s3.type === 's3' && s3.pathStyle);
  const config = configMap(platform, {
    name: names.icebergRestConfig, namespace: ns, app: apps.icebergRest, image,
    data: {
      CATALOG_URI: `jdbc:postgresql://${database.host}:${database.port}/${database.database}?sslmode=${database.sslMode}`,
      CATALOG_JDBC_USER: database.user,
      CATALOG_REST_PORT: String(ports.icebergRest),
      ...(storage ? {
        CATALOG_WAREHOUSE: `s3://${storage.bucket}/`,
        CATALOG_IO__IMPL: 'org.apache.iceberg.aws.s3.S3FileIO',
        CATALOG_S3_ENDPOINT: storage.endpoint,
        CATALOG_S3_PATH__STYLE__ACCESS: String(pathStyle),
        ...(storage.region ? { CATALOG_CLIENT_REGION: storage.region, AWS_REGION: storage.region } : {}),
      } : {}),
    },
  });
  const storageKeys = credentials.storage ? [
    envFromSecret('CATALOG_S3_ACCESS__KEY__ID', credentials.storage.accessKeyId.secret, credentials.storage.accessKeyId.key),
    envFromSecret('CATALOG_S3_SECRET__ACCESS__KEY', credentials.storage.secretAccessKey.secret, credentials.storage.secretAccessKey.key),
  ] : [];
  const meta = { name: names.icebergRest, namespace: ns, app: apps.icebergRest, image };
  const server = deployment(platform, {
    ...meta,
    ...(spec.database.type === 'inCluster' ? { annotations: { [generatedCredentialAnnotation]: password.secret } } : {}),
    blueGreen: true,
    replicas: spec.server.replicas,
    ...(spec.server.autoscaling ? { autoscaling: spec.server.autoscaling } : {}),
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.icebergRest, { image }),
      runAs: icebergRestRunAs,
      serviceAccountName: names.icebergRest,
      configs: [config],
      containers: [container({
        name: 'iceberg-rest',
        image,
        ports: [{ name: 'http', containerPort: ports.icebergRest }],
        env: [envFromSecret('CATALOG_JDBC_PASSWORD', password.secret, password.key), ...storageKeys],
        envFrom: [{ configMapRef: { name: names.icebergRestConfig } }],
        resources: containerResources(spec.server.resources),
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        // The server has no health endpoint; its config endpoint answers once the JDBC catalog is open.
        startupProbe: httpProbe('/v1/config', 'http', { periodSeconds: 3, failureThreshold: 60 }),
        livenessProbe: httpProbe('/v1/config', 'http', { periodSeconds: 10, failureThreshold: 6 }),
        readinessProbe: httpProbe('/v1/config', 'http', { periodSeconds: 5 }),
      }, icebergRestRunAs)],
      volumes: [emptyDirVolume('tmp')],
    }),
  });
  const scaling = { ...meta, replicas: spec.server.replicas, autoscaling: spec.server.autoscaling };
  return [
    serviceAccount(platform, meta),
    config,
    service(platform, { ...meta, blueGreenOf: names.icebergRest, ports: [{ name: 'http', port: ports.icebergRest }] }),
    ...(spec.database.type === 'inCluster'
      ? postgresStatefulSet(platform, { app: apps.icebergRestDatabase, name: names.icebergRestDatabase, namespace: ns, database: spec.database, owner: 'iceberg', password, serviceAccountName: names.icebergRest, generated: true })
      : []),
    server,
    ...horizontalPodAutoscaler(platform, scaling),
    ...podDisruptionBudget(platform, scaling),
  ];
}

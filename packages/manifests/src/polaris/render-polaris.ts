import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
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
import { polarisBootstrapJob } from './bootstrap-job.js';
import { polarisCatalogBootstrapJob } from './catalog-bootstrap-job.js';
import { catalogBootstrapPlan } from './catalog-bootstrap-plan.js';
import { polarisRunAs } from './polaris-run-as.js';
import { platformImage } from '../images/platform-image.js';

/**
 * Apache Polaris: server Deployment + Service (API 8181, management 8182),
 * its PostgreSQL, its configuration as env in a ConfigMap, and the
 * idempotent bootstrap Jobs: the realm's root principal (admin tool, on the
 * database) and, once the server is Ready, the warehouse and the steps'
 * principal (management API).
 */
export function renderPolaris(platform: Platform): KubeObject[] {
  const spec = platform.spec.catalog;
  if (!spec.enabled || spec.type !== 'polaris') return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const ns = names.platformNamespace;
  const credentials = credentialPlan(platform);
  const password = credentials.polarisDatabase!;
  const tokenKey = credentials.polarisTokenKey!;
  const database = postgresEndpoint(spec.database, names.polarisDatabase, ns, 'polaris');
  const storage = platformEndpoints(platform).storage;
  const config = configMap(platform, {
    name: names.polarisConfig, namespace: ns, app: apps.polaris, image,
    // Property names as env names, as Polaris's chart does and its docs advise for Kubernetes: the
    // uppercase forms are ambiguous for realm-keyed maps (polaris.authentication.*, polaris.storage.aws.*).
    // quarkus.datasource.db-kind is a build-time property, postgresql in both images.
    data: {
      'polaris.persistence.type': 'relational-jdbc',
      'quarkus.datasource.jdbc.url': `jdbc:postgresql://${database.host}:${database.port}/${database.database}?sslmode=${database.sslMode}`,
      'quarkus.datasource.username': database.user,
      'polaris.realm-context.realms': spec.realm,
      // Every replica must accept every other replica's tokens: one shared symmetric key.
      'polaris.authentication.token-broker.type': 'symmetric-key',
      // The image logs to ./logs/polaris.log by default: impossible on a read-only root.
      'quarkus.log.file.enabled': 'false',
      'quarkus.log.console.json.enabled': 'true',
      ...(storage?.region ? { AWS_REGION: storage.region } : {}),
    },
  });
  const databaseEnv = [envFromSecret('quarkus.datasource.password', password.secret, password.key)];
  // The catalog's own S3 access (MinIO or S3): static keys, as the chart wires its storage Secret.
  const storageKeys = credentials.storage && (storage?.type === 'minio' || storage?.type === 's3') ? [
    envFromSecret('polaris.storage.aws.access-key', credentials.storage.accessKeyId.secret, credentials.storage.accessKeyId.key),
    envFromSecret('polaris.storage.aws.secret-key', credentials.storage.secretAccessKey.secret, credentials.storage.secretAccessKey.key),
  ] : [];
  const generated = [
    ...(spec.database.type === 'inCluster' ? [password.secret] : []),
    tokenKey.secret,
  ];
  const meta = { name: names.polaris, namespace: ns, app: apps.polaris, image };
  const server = deployment(platform, {
    ...meta,
    annotations: { [generatedCredentialAnnotation]: generated.join(',') },
    blueGreen: true,
    replicas: spec.server.replicas,
    ...(spec.server.autoscaling ? { autoscaling: spec.server.autoscaling } : {}),
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.polaris, { image }),
      runAs: polarisRunAs,
      serviceAccountName: names.polaris,
      configs: [config],
      containers: [container({
        name: 'polaris',
        image,
        ports: [{ name: 'http', containerPort: ports.polarisApi }, { name: 'management', containerPort: ports.polarisManagement }],
        env: [...databaseEnv, envFromSecret('polaris.authentication.token-broker.symmetric-key.secret', tokenKey.secret, tokenKey.key), ...storageKeys],
        envFrom: [{ configMapRef: { name: names.polarisConfig } }],
        resources: containerResources(spec.server.resources),
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
        startupProbe: httpProbe('/q/health/started', 'management', { periodSeconds: 5, failureThreshold: 60 }),
        livenessProbe: httpProbe('/q/health/live', 'management', { periodSeconds: 10, failureThreshold: 6 }),
        readinessProbe: httpProbe('/q/health/ready', 'management', { periodSeconds: 5 }),
      }, polarisRunAs)],
      volumes: [emptyDirVolume('tmp')],
    }),
  });
  const scaling = { ...meta, replicas: spec.server.replicas, autoscaling: spec.server.autoscaling };
  return [
    serviceAccount(platform, meta),
    config,
    service(platform, { ...meta, blueGreenOf: names.polaris, ports: [{ name: 'http', port: ports.polarisApi }, { name: 'management', port: ports.polarisManagement }] }),
    ...(spec.database.type === 'inCluster'
      ? postgresStatefulSet(platform, { app: apps.polarisDatabase, name: names.polarisDatabase, namespace: ns, database: spec.database, owner: 'polaris', password, serviceAccountName: names.polaris, generated: true })
      : []),
    server,
    polarisBootstrapJob(platform, {
      catalog: spec, config, databaseEnv, rootCredentials: credentials.catalogRoot!,
      ...(spec.database.type === 'inCluster' ? { inClusterDatabase: { image: platformImage(platform, spec.database.image), endpoint: database } } : {}),
    }),
    polarisCatalogBootstrapJob(platform, catalogBootstrapPlan(platform)!, credentials),
    ...horizontalPodAutoscaler(platform, scaling),
    ...podDisruptionBudget(platform, scaling),
  ];
}

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
import { polarisRunAs } from './polaris-run-as.js';
import { platformImage } from '../images/platform-image.js';

/**
 * Apache Polaris: server Deployment + Service (API 8181, management 8182),
 * its PostgreSQL, its configuration as env in a ConfigMap, and the
 * idempotent bootstrap Job of the realm's root principal.
 */
export function renderPolaris(platform: Platform): KubeObject[] {
  const spec = platform.spec.catalog;
  if (!spec.enabled) return [];
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
    data: {
      POLARIS_PERSISTENCE_TYPE: 'relational-jdbc',
      QUARKUS_DATASOURCE_DB_KIND: 'postgresql',
      QUARKUS_DATASOURCE_JDBC_URL: `jdbc:postgresql://${database.host}:${database.port}/${database.database}?sslmode=${database.sslMode}`,
      QUARKUS_DATASOURCE_USERNAME: database.user,
      POLARIS_REALM_CONTEXT_REALMS: spec.realm,
      // Every replica must accept every other replica's tokens: one shared symmetric key.
      POLARIS_AUTHENTICATION_TOKEN_BROKER_TYPE: 'symmetric-key',
      QUARKUS_LOG_FILE_ENABLED: 'false',
      QUARKUS_LOG_CONSOLE_JSON: 'true',
      ...(storage?.region ? { AWS_REGION: storage.region } : {}),
    },
  });
  const databaseEnv = [envFromSecret('QUARKUS_DATASOURCE_PASSWORD', password.secret, password.key)];
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
        env: [...databaseEnv, envFromSecret('POLARIS_AUTHENTICATION_TOKEN_BROKER_SYMMETRIC_KEY_SECRET', tokenKey.secret, tokenKey.key)],
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
    polarisBootstrapJob(platform, { config, databaseEnv, rootCredentials: credentials.catalogRoot! }),
    ...horizontalPodAutoscaler(platform, scaling),
    ...podDisruptionBudget(platform, scaling),
  ];
}

import type { Platform, PolarisCatalog } from '@floe/spec';
import type { SecretKey } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, envValue } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { helperResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import type { PostgresEndpoint } from '../postgres/postgres-endpoint.js';
import { waitForPostgresContainer } from '../postgres/wait-for-postgres.js';
import { setupJob } from '../workloads/batch-job.js';
import { polarisRunAs } from './polaris-run-as.js';
import { platformImage } from '../images/platform-image.js';

// The admin tool exits non-zero when the realm exists; that is success for an idempotent bootstrap.
const bootstrapScript = [
  'out=$(/opt/jboss/container/java/run/run-java.sh bootstrap --realm="$POLARIS_REALM" --credential="$POLARIS_REALM,$ROOT_CLIENT_ID,$ROOT_CLIENT_SECRET" 2>&1)',
  'code=$?',
  'printf "%s\\n" "$out"',
  '[ "$code" -eq 0 ] && exit 0',
  'if printf "%s" "$out" | grep -qi "already bootstrapped\\|already been bootstrapped"; then echo "realm already bootstrapped: nothing to do"; exit 0; fi',
  'exit "$code"',
].join('\n');

/**
 * Bootstraps the realm's root principal with polaris-admin-tool against the
 * Polaris database, tolerating "already bootstrapped", so running it again
 * (a re-apply, a new Job after a change) is harmless. With the in-cluster
 * database, an init container first waits for it to accept connections, so
 * the Job waits for its database itself and starts with the first workloads
 * (an external database is not waited for: floe does not start it).
 */
export function polarisBootstrapJob(
  platform: Platform,
  input: {
    catalog: PolarisCatalog; config: KubeObject; databaseEnv: readonly Record<string, unknown>[]; rootCredentials: { clientId: SecretKey; clientSecret: SecretKey };
    /** The in-cluster PostgreSQL's image and endpoint, to wait for. */
    inClusterDatabase?: { image: string; endpoint: PostgresEndpoint };
  },
): KubeObject {
  const spec = input.catalog;
  const names = platformNames(platform);
  const image = platformImage(platform, spec.adminImage);
  return setupJob(platform, {
    baseName: names.polarisBootstrap,
    namespace: names.platformNamespace,
    app: apps.polarisBootstrap,
    image,
    ...(spec.credentialsSecretRef ? {} : { annotations: { [generatedCredentialAnnotation]: input.rootCredentials.clientId.secret } }),
    ...(input.inClusterDatabase ? { waitsItself: true } : {}),
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.polarisBootstrap, { image }),
      runAs: polarisRunAs,
      serviceAccountName: names.polaris,
      restartPolicy: 'Never',
      configs: [input.config],
      ...(input.inClusterDatabase ? { initContainers: [waitForPostgresContainer(input.inClusterDatabase.image, input.inClusterDatabase.endpoint, polarisRunAs)] } : {}),
      containers: [container({
        name: 'bootstrap',
        image,
        command: ['/bin/sh', '-c', bootstrapScript],
        env: [
          ...input.databaseEnv,
          envValue('POLARIS_REALM', spec.realm),
          envFromSecret('ROOT_CLIENT_ID', input.rootCredentials.clientId.secret, input.rootCredentials.clientId.key),
          envFromSecret('ROOT_CLIENT_SECRET', input.rootCredentials.clientSecret.secret, input.rootCredentials.clientSecret.key),
        ],
        envFrom: [{ configMapRef: { name: names.polarisConfig } }],
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: helperResources.limits.cpu, memory: '512Mi' } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }, polarisRunAs)],
      volumes: [emptyDirVolume('tmp')],
    }),
  });
}

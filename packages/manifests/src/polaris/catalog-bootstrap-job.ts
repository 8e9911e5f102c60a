import type { Platform } from '@floe/spec';
import type { CredentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, envValue } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { helperResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { pipelineRunAs } from '../pipeline-pod/pipeline-pod-defaults.js';
import { credentialEnv } from '../pipeline-pod/runtime-contract.js';
import { setupJob } from '../workloads/batch-job.js';
import { platformImage } from '../images/platform-image.js';
import type { CatalogBootstrapPlan } from './catalog-bootstrap-plan.js';

/** The contract between the catalog bootstrap Job and `floe-job bootstrap-polaris-catalog`. */
export const catalogBootstrapContract = {
  subcommand: 'bootstrap-polaris-catalog',
  /** JSON of the `CatalogBootstrapPlan` (no secrets). */
  planEnv: 'FLOE_POLARIS_BOOTSTRAP',
  rootClientIdEnv: 'FLOE_POLARIS_ROOT_CLIENT_ID',
  rootClientSecretEnv: 'FLOE_POLARIS_ROOT_CLIENT_SECRET',
  /** The steps' credentials, under the names the step pods use. */
  stepClientIdEnv: credentialEnv.catalogClientId,
  stepClientSecretEnv: credentialEnv.catalogClientSecret,
} as const;

/**
 * Creates the warehouse and the steps' principal through Polaris's
 * management API, with floe's own runtime image (`floe-job
 * bootstrap-polaris-catalog`: Node's fetch, no shell or curl needed). A
 * Job that waits for what it needs itself, so it starts with the workloads,
 * before MinIO and Polaris are Ready: the command waits for Polaris to issue
 * the root token (retrying while MinIO and Polaris start, and while the realm
 * bootstrap Job has not yet set the root credentials). Its name carries a
 * hash of the plan: an unchanged plan leaves the finished Job alone.
 */
export function polarisCatalogBootstrapJob(platform: Platform, plan: CatalogBootstrapPlan, credentials: CredentialPlan): KubeObject {
  const names = platformNames(platform);
  const image = platformImage(platform, platform.spec.jobs.image);
  const root = credentials.catalogRoot!;
  const steps = credentials.catalogSteps!;
  return setupJob(platform, {
    baseName: names.polarisCatalogBootstrap,
    namespace: names.platformNamespace,
    app: apps.polarisCatalogBootstrap,
    image,
    annotations: { [generatedCredentialAnnotation]: steps.clientId.secret },
    waitsItself: true,
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.polarisCatalogBootstrap, { image }),
      runAs: pipelineRunAs,
      serviceAccountName: names.polaris,
      restartPolicy: 'Never',
      containers: [container({
        name: 'bootstrap',
        image,
        command: ['floe-job', catalogBootstrapContract.subcommand],
        env: [
          envValue(catalogBootstrapContract.planEnv, JSON.stringify(plan)),
          envFromSecret(catalogBootstrapContract.rootClientIdEnv, root.clientId.secret, root.clientId.key),
          envFromSecret(catalogBootstrapContract.rootClientSecretEnv, root.clientSecret.secret, root.clientSecret.key),
          envFromSecret(catalogBootstrapContract.stepClientIdEnv, steps.clientId.secret, steps.clientId.key),
          envFromSecret(catalogBootstrapContract.stepClientSecretEnv, steps.clientSecret.secret, steps.clientSecret.key),
        ],
        resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: helperResources.limits.cpu, memory: '256Mi' } },
        volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
      }, pipelineRunAs)],
      volumes: [emptyDirVolume('tmp')],
    }),
  });
}

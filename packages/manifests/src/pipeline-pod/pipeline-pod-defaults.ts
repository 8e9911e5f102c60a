import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { apps } from '../kube/apps.js';
import { envFromField, envFromSecret } from '../kube/container.js';
import { objectLabels } from '../kube/labels.js';
import { containerSecurityContext, podSecurityContext } from '../kube/pod-security.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { configErrorExitCodes, credentialEnv, runtimeMounts } from './runtime-contract.js';
import { platformImage } from '../images/platform-image.js';

/** floe-job's identity: the runtime image's non-root user. */
export const pipelineRunAs = { user: 10001, group: 10001, fsGroup: 10001 } as const;

/** The container name of every pipeline pod (podFailurePolicy rules name it). */
export const pipelineContainerName = 'floe-job';

/** Seconds between SIGTERM and SIGKILL; floe-job gets most of it to cancel its child. */
export const pipelineTerminationGraceSeconds = 60;
export const pipelineCancelGraceSeconds = 45;

/** Downward-API env the pod template sets so OTEL_RESOURCE_ATTRIBUTES can refer to it. */
export const downwardEnv = {
  podName: 'K8S_POD_NAME',
  namespace: 'K8S_NAMESPACE_NAME',
  nodeName: 'K8S_NODE_NAME',
  podUid: 'K8S_POD_UID',
} as const;

/**
 * Everything a pipeline pod inherits from the platform, whoever launches it:
 * `renderPipelineJob` (floe's job runner) and Dagster's K8sRunLauncher
 * (`dagster.yaml`) both build on this, so Layer 4 has one source of truth.
 */
export function pipelinePodDefaults(platform: Platform) {
  const names = platformNames(platform);
  const credentials = credentialPlan(platform);
  const jobs = platform.spec.jobs;
  const image = platformImage(platform, jobs.image);
  const credentialEnvEntries = [
    ...(credentials.storage ? [
      envFromSecret(credentialEnv.storageAccessKeyId, credentials.storage.accessKeyId.secret, credentials.storage.accessKeyId.key),
      envFromSecret(credentialEnv.storageSecretAccessKey, credentials.storage.secretAccessKey.secret, credentials.storage.secretAccessKey.key),
    ] : []),
    ...(credentials.catalogSteps ? [
      envFromSecret(credentialEnv.catalogClientId, credentials.catalogSteps.clientId.secret, credentials.catalogSteps.clientId.key),
      envFromSecret(credentialEnv.catalogClientSecret, credentials.catalogSteps.clientSecret.secret, credentials.catalogSteps.clientSecret.key),
    ] : []),
  ];
  return {
    namespace: names.jobsNamespace,
    serviceAccountName: jobs.serviceAccount,
    image,
    imagePullSecrets: platform.spec.imagePullSecrets.map((secret) => ({ name: secret.name })),
    labels: objectLabels(platform, apps.pipelineStep, { image, layer: 'pipeline' }),
    envFrom: [{ configMapRef: { name: names.platformConfig } }],
    downwardEnv: [
      envFromField(downwardEnv.podName, 'metadata.name'),
      envFromField(downwardEnv.namespace, 'metadata.namespace'),
      envFromField(downwardEnv.nodeName, 'spec.nodeName'),
      envFromField(downwardEnv.podUid, 'metadata.uid'),
    ],
    credentialEnv: credentialEnvEntries,
    resources: containerResources(jobs.resources),
    podSecurityContext: podSecurityContext(pipelineRunAs),
    containerSecurityContext: containerSecurityContext(pipelineRunAs),
    volumes: [
      { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } },
      { name: 'work', emptyDir: { sizeLimit: '10Gi' } },
    ],
    volumeMounts: [
      { name: 'tmp', mountPath: runtimeMounts.tmp },
      { name: 'work', mountPath: runtimeMounts.work },
    ],
    terminationGracePeriodSeconds: pipelineTerminationGraceSeconds,
    backoffLimit: 0,
    activeDeadlineSeconds: jobs.activeDeadlineSeconds,
    ttlSecondsAfterFinished: jobs.ttlSecondsAfterFinished,
    podFailurePolicy: {
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: pipelineContainerName, operator: 'In', values: [...configErrorExitCodes] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    },
  };
}

export type PipelinePodDefaults = ReturnType<typeof pipelinePodDefaults>;

/** `OTEL_RESOURCE_ATTRIBUTES` from downward-API env and fixed attributes (values percent-encoded). */
export function otelResourceAttributes(platform: Platform, extra: Readonly<Record<string, string>>): string {
  const attributes: [string, string][] = [
    ['k8s.pod.name', `$(${downwardEnv.podName})`],
    ['k8s.namespace.name', `$(${downwardEnv.namespace})`],
    ['k8s.node.name', `$(${downwardEnv.nodeName})`],
    ['k8s.pod.uid', `$(${downwardEnv.podUid})`],
    ['service.namespace', platform.metadata.name],
    ['deployment.environment.name', platform.metadata.environment],
    ...Object.entries(extra).map(([key, value]): [string, string] => [key, encodeURIComponent(value)]),
  ];
  return attributes.map(([key, value]) => `${key}=${value}`).join(',');
}

import type { Platform } from '@floe/spec';
import type { SecretKey } from '../credentials/credential-refs.js';
import { apps } from '../kube/apps.js';
import { envFromSecret, envValue } from '../kube/container.js';
import { objectLabels } from '../kube/labels.js';
import { pipelinePodDefaults, otelResourceAttributes } from '../pipeline-pod/pipeline-pod-defaults.js';
import { runtimeEnv } from '../pipeline-pod/runtime-contract.js';
import { codeLocation, codeLocationImage, codeLocationNames } from './code-location-contract.js';
import { dagsterHome, dagsterPasswordEnv } from './dagster-paths.js';

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Kubernetes JSON in the snake_case Dagster's k8s config expects; label maps keep their keys. */
function snakeKeys(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((item) => snakeKeys(item));
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[keepKeys ? key : snakeCase(key)] = snakeKeys(item, key === 'labels');
  return result;
}

/**
 * `run_launcher` of dagster.yaml: dagster_k8s.K8sRunLauncher configured from
 * the same pipeline pod defaults as `renderPipelineJob`, so a run Dagster
 * launches inherits exactly what a floe-launched Job does (namespace,
 * service account, platform ConfigMap, credentials, security, resources,
 * labels, backoffLimit 0, TTL). The differences, all because the run pod
 * is Dagster's run worker, whose ops call `floe job run` for each step:
 * - the code location's image (dagster + dagster_floe + the floe CLI), not
 *   the step image;
 * - the run worker's own labels (dagster/run-worker), so NetworkPolicies
 *   let it reach Dagster's PostgreSQL and the API server while step pods
 *   reach neither (dagster-k8s merges these over its own labels);
 * - its own ServiceAccount with a token, bound to the job runner's Role, so
 *   it can create step Jobs in the jobs namespace and nothing more;
 * - the compiled pipelines and platform mounted where `floe job run` reads them;
 * - no podFailurePolicy: Dagster's run worker has its own exit codes and
 *   Dagster, not the Job, decides about retries.
 */
export function runLauncherConfig(platform: Platform, input: { instanceConfigMap: string; databasePassword: SecretKey }) {
  const pod = pipelinePodDefaults(platform);
  const own = codeLocationNames(platform.metadata.name);
  const image = codeLocationImage(platform);
  return {
    module: 'dagster_k8s',
    class: 'K8sRunLauncher',
    config: {
      load_incluster_config: true,
      job_namespace: pod.namespace,
      job_image: image,
      image_pull_policy: 'IfNotPresent',
      image_pull_secrets: pod.imagePullSecrets,
      service_account_name: own.runWorker,
      instance_config_map: input.instanceConfigMap,
      dagster_home: dagsterHome,
      env_config_maps: pod.envFrom.map((source) => source.configMapRef.name),
      labels: objectLabels(platform, apps.dagsterRunWorker, { image, layer: 'pipeline' }),
      resources: pod.resources,
      security_context: snakeKeys(pod.containerSecurityContext),
      volumes: [
        ...snakeKeys(pod.volumes) as unknown[],
        { name: 'dagster-home', empty_dir: { size_limit: '256Mi' } },
        { name: 'pipelines', config_map: { name: own.compiledPipelines, optional: true } },
        { name: 'platform-spec', config_map: { name: own.platformSpec, optional: true } },
      ],
      volume_mounts: [
        ...snakeKeys(pod.volumeMounts) as unknown[],
        { name: 'dagster-home', mount_path: dagsterHome },
        { name: 'pipelines', mount_path: codeLocation.pipelinesDir, read_only: true },
        { name: 'platform-spec', mount_path: codeLocation.platformDir, read_only: true },
      ],
      run_k8s_config: {
        container_config: snakeKeys({
          env: [
            ...pod.downwardEnv,
            envValue(runtimeEnv.otelServiceName, 'dagster-run'),
            envValue(runtimeEnv.otelResourceAttributes, otelResourceAttributes(platform, {})),
            ...pod.credentialEnv,
            envFromSecret(dagsterPasswordEnv, input.databasePassword.secret, input.databasePassword.key),
            envValue(codeLocation.env.pipelinesDir, codeLocation.pipelinesDir),
            envValue(codeLocation.env.platformFile, `${codeLocation.platformDir}/${codeLocation.platformFileName}`),
          ],
          terminationMessagePolicy: 'FallbackToLogsOnError',
        }),
        pod_spec_config: snakeKeys({
          // The run worker creates and watches step Jobs through `floe job run`.
          automountServiceAccountToken: true,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds,
          securityContext: pod.podSecurityContext,
        }),
        job_spec_config: {
          backoff_limit: pod.backoffLimit,
          active_deadline_seconds: pod.activeDeadlineSeconds,
          ttl_seconds_after_finished: pod.ttlSecondsAfterFinished,
        },
      },
    },
  };
}

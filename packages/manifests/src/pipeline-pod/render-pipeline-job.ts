import type { Pipeline, Platform, Step } from '@floe/spec';
import { envValue } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { sortedRecord } from '../kube/labels.js';
import { containerResources } from '../kube/resources.js';
import { labelValue } from '../naming/label-value.js';
import { pipelineJobName } from './pipeline-job-name.js';
import { otelResourceAttributes, pipelineCancelGraceSeconds, pipelineContainerName, pipelinePodDefaults } from './pipeline-pod-defaults.js';
import { defaultTerminationMessagePath, pipelineLabels, runtimeEnv, type StepInvocation } from './runtime-contract.js';
import { platformImage } from '../images/platform-image.js';

export interface PipelineJobInput {
  readonly platform: Platform;
  readonly pipeline: Pipeline;
  readonly step: Step;
  /** The run this attempt belongs to (any string; labels get a sanitised form, the annotation the original). */
  readonly runId: string;
  /** 1-based attempt number (the orchestrator retries; the Job never does). */
  readonly attempt: number;
  /** Defaults to `pipelineJobName(...)`. */
  readonly jobName?: string;
  /** W3C trace context to continue, set as `TRACEPARENT`. */
  readonly traceparent?: string;
}

/** Annotation with the run id exactly as given (labels may only hold a sanitised form). */
export const runIdAnnotation = 'floe.dev/run-id';

/**
 * The batch/v1 Job that runs one attempt of one pipeline step: `floe-job`
 * in the runtime image (step -> pipeline defaults -> platform jobs), the
 * step as JSON in `FLOE_STEP`, the platform ConfigMap by `envFrom`,
 * credentials by `secretKeyRef`, restricted security, `backoffLimit: 0`
 * and a podFailurePolicy that fails fast on configuration errors and
 * ignores disruptions.
 */
export function renderPipelineJob(input: PipelineJobInput): KubeObject {
  const { platform, pipeline, step } = input;
  const defaults = pipelinePodDefaults(platform);
  const name = input.jobName ?? pipelineJobName({ pipeline: pipeline.metadata.name, step: step.name, runId: input.runId, attempt: input.attempt });
  // The step's image, else the pipeline's, else the platform's; through the platform's mirror either way.
  const image = platformImage(platform, step.image ?? pipeline.spec.defaults.image ?? defaults.image);
  const timeout = step.timeoutSeconds ?? pipeline.spec.defaults.timeoutSeconds ?? defaults.activeDeadlineSeconds;
  const invocation: StepInvocation = { pipeline: pipeline.metadata.name, platform: platform.metadata.name, dbt: pipeline.spec.dbt, step };
  const labels = sortedRecord({
    ...pipeline.metadata.labels,
    ...defaults.labels,
    [pipelineLabels.pipeline]: labelValue(pipeline.metadata.name),
    [pipelineLabels.step]: labelValue(step.name),
    [pipelineLabels.runId]: labelValue(input.runId),
    [pipelineLabels.attempt]: String(input.attempt),
  });
  const annotations = { [runIdAnnotation]: input.runId };
  const env = [
    envValue(runtimeEnv.step, JSON.stringify(invocation)),
    envValue(runtimeEnv.pipeline, pipeline.metadata.name),
    envValue(runtimeEnv.stepName, step.name),
    envValue(runtimeEnv.runId, input.runId),
    envValue(runtimeEnv.attempt, String(input.attempt)),
    envValue(runtimeEnv.terminationMessagePath, defaultTerminationMessagePath),
    envValue(runtimeEnv.cancelGraceSeconds, String(pipelineCancelGraceSeconds)),
    ...defaults.downwardEnv,
    envValue(runtimeEnv.otelServiceName, `floe-job.${pipeline.metadata.name}`),
    envValue(runtimeEnv.otelResourceAttributes, otelResourceAttributes(platform, {
      'k8s.job.name': name,
      'floe.pipeline': pipeline.metadata.name,
      'floe.step': step.name,
      'floe.run.id': input.runId,
      'floe.attempt': String(input.attempt),
    })),
    ...(input.traceparent ? [envValue(runtimeEnv.traceparent, input.traceparent)] : []),
    ...defaults.credentialEnv,
    ...step.env.map((variable) => ('value' in variable
      ? envValue(variable.name, variable.value)
      : { name: variable.name, valueFrom: { secretKeyRef: { name: variable.secretKeyRef.name, key: variable.secretKeyRef.key } } })),
  ];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: defaults.namespace, labels, annotations },
    spec: {
      backoffLimit: defaults.backoffLimit,
      activeDeadlineSeconds: timeout,
      ttlSecondsAfterFinished: defaults.ttlSecondsAfterFinished,
      podFailurePolicy: defaults.podFailurePolicy,
      template: {
        metadata: { labels, annotations },
        spec: {
          serviceAccountName: defaults.serviceAccountName,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          restartPolicy: 'Never',
          terminationGracePeriodSeconds: defaults.terminationGracePeriodSeconds,
          securityContext: defaults.podSecurityContext,
          ...(defaults.imagePullSecrets.length > 0 ? { imagePullSecrets: defaults.imagePullSecrets } : {}),
          containers: [{
            name: pipelineContainerName,
            image,
            imagePullPolicy: 'IfNotPresent',
            command: ['floe-job'],
            env,
            envFrom: defaults.envFrom,
            resources: containerResources(step.resources, pipeline.spec.defaults.resources, platform.spec.jobs.resources),
            volumeMounts: defaults.volumeMounts,
            securityContext: defaults.containerSecurityContext,
            terminationMessagePath: defaultTerminationMessagePath,
            terminationMessagePolicy: 'FallbackToLogsOnError',
          }],
          volumes: defaults.volumes,
        },
      },
    },
  };
}

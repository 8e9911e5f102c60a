import { FloeError } from '@floe/errors';
import { followLogs, type FollowLogsResult, type KubeClient, type LogLine, type ResourceClient } from '@floe/kube';
import { pipelineContainerName, pipelineLabels } from '@floe/manifests';
import { runSelector } from '../attempt/identity-of-job.js';
import { timeOf, type PodObject } from '../attempt/kube-shapes.js';

/** No pod of the run (and step) exists: never created, or already removed with its Job. */
export class NoPodError extends FloeError {
  constructor(runId: string, step: string | undefined) {
    super('JOBS_NO_POD', `no pod of run ${runId}${step ? ` step ${step}` : ''} exists (not started yet, or removed with its Job after ttlSecondsAfterFinished); check with: floe job status ${runId}`);
  }
}

export interface StepLogsOptions {
  readonly step?: string;
  /** Keep streaming while the container runs (default false: what is there now). */
  readonly follow?: boolean;
  readonly onLine: (line: LogLine) => void;
  readonly onError?: (error: unknown) => void;
  readonly signal?: AbortSignal;
}

/** The pod of the latest attempt of the run (or of `step`), newest first. */
export async function latestPodOfRun(resources: ResourceClient, namespace: string, runId: string, step?: string): Promise<PodObject | undefined> {
  const pods = await resources.list<PodObject>('v1', 'Pod', { namespace, labelSelector: runSelector(runId, { [pipelineLabels.step]: step }) });
  const attemptOf = (pod: PodObject) => Number(pod.metadata.labels?.[pipelineLabels.attempt] ?? '0');
  return [...pods.items].sort((a, b) => attemptOf(a) - attemptOf(b) || (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0)).at(-1);
}

/**
 * Streams (or fetches) the step container's logs of a pod, resuming from
 * the last timestamp after a dropped stream. Best effort: errors go to
 * `onError`, never into a run's result.
 */
export function podLogs(client: KubeClient, resources: ResourceClient, pod: PodObject, options: Omit<StepLogsOptions, 'step'>): Promise<FollowLogsResult> {
  const namespace = pod.metadata.namespace ?? 'default';
  return followLogs(client, {
    namespace,
    pod: pod.metadata.name,
    container: pipelineContainerName,
    follow: options.follow ?? false,
    onLine: options.onLine,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    isFinished: async () => {
      const current = await resources.get<PodObject>({ apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata.name });
      return !current || current.status?.phase === 'Succeeded' || current.status?.phase === 'Failed';
    },
  });
}

/** Logs of a run's latest attempt (or of one step); throws NoPodError when no pod exists. */
export async function runLogs(client: KubeClient, resources: ResourceClient, namespace: string, runId: string, options: StepLogsOptions): Promise<FollowLogsResult> {
  const pod = await latestPodOfRun(resources, namespace, runId, options.step);
  if (!pod) throw new NoPodError(runId, options.step);
  return podLogs(client, resources, pod, options);
}

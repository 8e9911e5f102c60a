import { runtimeExitCodes, pipelineContainerName } from '@floe/manifests';
import { failure, type AttemptFailure } from '../attempt/attempt-result.js';
import { trueCondition, type ContainerStatus, type PodObject } from '../attempt/kube-shapes.js';
import { parseTerminationMessage, summaryMessage } from './termination-message.js';

const cancelExitCodes: readonly number[] = [runtimeExitCodes.cancelledBySigint, runtimeExitCodes.cancelledBySigterm];

/** The step's container status (the pipeline container, else the first). */
export function stepContainer(pod: PodObject): ContainerStatus | undefined {
  const statuses = pod.status?.containerStatuses ?? [];
  return statuses.find((status) => status.name === pipelineContainerName) ?? statuses[0];
}

/**
 * Why a pod that ended in phase Failed failed, from the signals in the
 * order that decides: eviction/disruption (pod reason, DisruptionTarget),
 * OOMKilled, the entrypoint's configuration exit code, cancellation exit
 * codes, then any other exit code as an application error with the
 * termination message (parsed when it is the entrypoint's JSON summary).
 */
export function classifyFailedPod(pod: PodObject): AttemptFailure | undefined {
  const status = pod.status ?? {};
  if (status.reason === 'Evicted' || status.reason === 'NodeShutdown' || status.reason === 'Terminated') {
    return failure('Evicted', status.reason, status.message ?? `pod ${pod.metadata.name} was ${status.reason.toLowerCase()}`);
  }
  const disruption = trueCondition(status.conditions, 'DisruptionTarget');
  const terminated = stepContainer(pod)?.state?.terminated;
  if (disruption && (!terminated || terminated.exitCode !== 0)) {
    return failure('Evicted', disruption.reason ?? 'DisruptionTarget', disruption.message ?? `pod ${pod.metadata.name} was disrupted`);
  }
  if (!terminated) return undefined;
  const summary = parseTerminationMessage(terminated.message);
  const message = summaryMessage(summary, terminated.message);
  const extra = { exitCode: terminated.exitCode, ...(summary ? { summary } : {}) };
  if (terminated.reason === 'OOMKilled') {
    return failure('OOMKilled', 'OOMKilled', `the container ran out of memory (exit ${terminated.exitCode}); raise resources.limits.memory`, extra);
  }
  if (terminated.exitCode === runtimeExitCodes.configError) {
    return failure('ConfigError', 'ConfigExitCode', message ?? `the entrypoint reported a configuration error (exit ${terminated.exitCode})`, extra);
  }
  if (cancelExitCodes.includes(terminated.exitCode)) {
    return failure('Cancelled', 'Signalled', message ?? `the step was stopped by a signal (exit ${terminated.exitCode})`, extra);
  }
  return failure('AppError', terminated.reason ?? 'Error', message ?? `the step exited with code ${terminated.exitCode}`, extra);
}

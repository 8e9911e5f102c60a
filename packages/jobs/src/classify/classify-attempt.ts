import { failure, type AttemptFailure, type AttemptOutcome } from '../attempt/attempt-result.js';
import { jobAnnotations } from '../attempt/job-annotations.js';
import { timeOf, trueCondition, type EventObject, type JobObject, type PodObject } from '../attempt/kube-shapes.js';
import { classifyFailedPod, stepContainer } from './classify-finished-pod.js';
import type { WaitBounds } from './wait-bounds.js';

/** Everything known about one attempt at one moment: Job, pods and warning Events read together. */
export interface AttemptObservation {
  /** The Job as last seen; undefined when never seen. */
  readonly job: JobObject | undefined;
  /** True once the Job was seen deleted (then `job` is its last state). */
  readonly jobDeleted: boolean;
  readonly pods: readonly PodObject[];
  /** Warning Events whose involved object is the Job. */
  readonly jobEvents: readonly EventObject[];
  /** When the runner created (or adopted) the Job, local clock. */
  readonly submittedAt: number;
  readonly now: number;
}

/** Decided: the outcome, and whether the runner must still stop the Job (the controller never finished it). */
export interface Decided {
  readonly done: true;
  readonly outcome: AttemptOutcome;
  readonly stopJob: boolean;
}

/** Not yet: what the attempt waits for, and until when at most. */
export interface Waiting {
  readonly done: false;
  readonly waitingFor: string;
  readonly until: number;
}

export type Verdict = Decided | Waiting;

const configWaitingReasons = ['CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName'];
/**
 * FailedCreate messages that will not go away by themselves: admission
 * refused the pod (missing ServiceAccount, quota, policy) or it is invalid.
 * Others (API server unreachable, timeouts) are transient: the controller
 * retries, bounded by `podCreateMs`.
 */
const permanentCreateFailure = /forbidden|exceeded quota|is invalid|not found/i;
const imageWaitingReasons = ['ErrImagePull', 'ImagePullBackOff', 'ErrImageNeverPull'];

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function latestPod(pods: readonly PodObject[]): PodObject | undefined {
  return [...pods].sort((a, b) => (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0)).at(-1);
}

function decided(observation: AttemptObservation, pod: PodObject | undefined, result: { failure?: AttemptFailure; finishedAt?: string }, stopJob = false): Decided {
  const { job } = observation;
  const createdAt = job?.metadata.creationTimestamp ?? iso(observation.submittedAt);
  const startedAt = job?.status?.startTime ?? pod?.status?.startTime;
  const finishedAt = result.finishedAt ?? job?.status?.completionTime ?? iso(observation.now);
  const start = timeOf(startedAt);
  const end = timeOf(finishedAt);
  return {
    done: true,
    stopJob,
    outcome: {
      status: result.failure ? 'Failed' : 'Succeeded',
      ...(result.failure ? { failure: result.failure } : {}),
      createdAt,
      ...(startedAt ? { startedAt } : {}),
      finishedAt,
      ...(start !== undefined && end !== undefined ? { durationMs: Math.max(0, end - start) } : {}),
    },
  };
}

function waiting(waitingFor: string, until: number): Waiting {
  return { done: false, waitingFor, until };
}

function recordedFailure(job: JobObject): (AttemptFailure & { finishedAt?: string }) | undefined {
  const text = job.metadata.annotations?.[jobAnnotations.result];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as AttemptFailure & { finishedAt?: string };
  } catch {
    return undefined;
  }
}

function classifyFailedJob(observation: AttemptObservation, job: JobObject, reason: string, message: string, since: number): Verdict {
  const pod = latestPod(observation.pods);
  const finishedAt = job.status?.completionTime ?? stepContainer(pod ?? ({} as PodObject))?.state?.terminated?.finishedAt;
  if (reason === 'DeadlineExceeded') {
    return decided(observation, pod, { failure: failure('DeadlineExceeded', reason, message || 'the Job ran past its activeDeadlineSeconds'), ...(finishedAt ? { finishedAt } : {}) });
  }
  const fromPod = pod ? classifyFailedPod(pod) : undefined;
  if (fromPod) return decided(observation, pod, { failure: fromPod, ...(finishedAt ? { finishedAt } : {}) });
  return waiting('the failed pod\'s terminated state', since);
}

/**
 * Decides an attempt's outcome from the Job, its pods and its warning
 * Events — or says what it still waits for and until when. Pure: the
 * tracker calls it on every change and on a timer; `floe job status`
 * calls it on one list. Every waiting state has a bound (`WaitBounds`).
 */
export function classifyAttempt(observation: AttemptObservation, bounds: WaitBounds): Verdict {
  const { job, now } = observation;
  if (!job) {
    const until = observation.submittedAt + bounds.jobAppearMs;
    if (now < until) return waiting('the Job to appear', until);
    return decided(observation, undefined, { failure: failure('Lost', 'JobNotFound', `the Job was not seen within ${bounds.jobAppearMs / 1000} s of its creation`) });
  }
  const pod = latestPod(observation.pods);
  const cancelled = job.metadata.annotations?.[jobAnnotations.cancelledAt];
  if (cancelled) {
    return decided(observation, pod, { failure: failure('Cancelled', 'Cancelled', `cancelled at ${cancelled}`), finishedAt: cancelled });
  }
  const recorded = recordedFailure(job);
  if (recorded) {
    const { finishedAt, ...recordedFailureOnly } = recorded;
    return decided(observation, pod, { failure: recordedFailureOnly, finishedAt: finishedAt ?? iso(now) });
  }
  const conditions = job.status?.conditions;
  if (trueCondition(conditions, 'Complete', 'SuccessCriteriaMet')) return decided(observation, pod, {});
  const failed = trueCondition(conditions, 'Failed', 'FailureTarget');
  if (failed) {
    const since = (timeOf(failed.lastTransitionTime) ?? now) + bounds.settleMs;
    const verdict = classifyFailedJob(observation, job, failed.reason ?? 'Failed', failed.message ?? '', since);
    if (verdict.done || now < verdict.until) return verdict;
    const reason = observation.pods.length === 0 ? 'PodVanished' : (failed.reason ?? 'Failed');
    const message = observation.pods.length === 0 ? `the Job failed (${failed.reason ?? 'Failed'}) and its pod is gone, so the cause is unknown` : `the Job failed (${failed.reason ?? 'Failed'}: ${failed.message ?? ''}) without a terminated container status`;
    return decided(observation, pod, { failure: failure(observation.pods.length === 0 ? 'Lost' : 'AppError', reason, message) });
  }
  if (observation.jobDeleted || job.metadata.deletionTimestamp) {
    return decided(observation, pod, { failure: failure('Lost', 'JobDeleted', `the Job was deleted before it finished (not through floe job cancel)`) });
  }
  return classifyActiveJob(observation, job, pod, bounds);
}

function classifyActiveJob(observation: AttemptObservation, job: JobObject, pod: PodObject | undefined, bounds: WaitBounds): Verdict {
  const { now } = observation;
  if (!pod) {
    const failedCreates = observation.jobEvents.filter((event) => event.reason === 'FailedCreate');
    const refused = failedCreates.find((event) => permanentCreateFailure.test(event.message ?? ''));
    if (refused) {
      return decided(observation, undefined, { failure: failure('ConfigError', 'FailedCreate', refused.message ?? 'the Job controller could not create the pod') }, true);
    }
    // No startTime: the Job controller has not synced this Job yet (a backlog after a burst of submits), which is not a pod problem.
    const synced = timeOf(job.status?.startTime);
    // Past the deadline the controller deletes the pod before it records Failed: a vanished pod, not one never
    // created (unless pod creation failed, which stays the reason).
    const deadline = job.spec?.activeDeadlineSeconds;
    if (failedCreates.length === 0 && synced !== undefined && deadline !== undefined && now >= synced + deadline * 1000) {
      const until = synced + deadline * 1000 + bounds.deadlineGraceMs;
      if (now < until) return waiting('the Job controller to record the deadline', until);
      return decided(observation, undefined, { failure: failure('DeadlineExceeded', 'DeadlineExceeded', `the step ran past activeDeadlineSeconds (${deadline})`) }, true);
    }
    const until = synced === undefined
      ? Math.max(timeOf(job.metadata.creationTimestamp) ?? observation.submittedAt, observation.submittedAt) + bounds.controllerSyncMs
      : synced + bounds.podCreateMs;
    // `until` is the next moment the verdict can change by time alone, so the deadline above counts too when it comes first.
    const deadlineAt = failedCreates.length === 0 && synced !== undefined && deadline !== undefined ? synced + deadline * 1000 : Number.POSITIVE_INFINITY;
    if (now < until) return waiting(synced === undefined ? 'the Job controller to start the Job' : 'the pod to be created', Math.min(until, deadlineAt));
    const last = failedCreates.at(-1)?.message;
    const bound = synced === undefined ? bounds.controllerSyncMs : bounds.podCreateMs;
    return decided(observation, undefined, { failure: failure('Lost', last ? 'FailedCreate' : 'NoPod', `no pod was created within ${bound / 1000} s${last ? `; last error: ${last}` : ' and the Job reports no reason'}`) }, true);
  }
  const created = timeOf(pod.metadata.creationTimestamp) ?? now;
  const phase = pod.status?.phase ?? 'Pending';
  const container = stepContainer(pod);
  if (phase === 'Pending') {
    const waitingState = container?.state?.waiting;
    const reason = waitingState?.reason ?? '';
    if (configWaitingReasons.includes(reason)) {
      const until = created + bounds.containerConfigMs;
      if (now < until) return waiting(`the container (${reason})`, until);
      return decided(observation, pod, { failure: failure('ConfigError', reason, waitingState?.message ?? reason) }, true);
    }
    if (imageWaitingReasons.includes(reason)) {
      const until = created + bounds.imagePullMs;
      if (now < until) return waiting(`the image (${reason})`, until);
      return decided(observation, pod, { failure: failure('ImagePull', reason, waitingState?.message ?? reason) }, true);
    }
    const scheduled = pod.status?.conditions?.find((condition) => condition.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
      const until = (timeOf(scheduled.lastTransitionTime) ?? created) + bounds.unschedulableMs;
      if (now < until) return waiting('a node to schedule on', until);
      return decided(observation, pod, { failure: failure('Unschedulable', 'Unschedulable', scheduled.message ?? 'no node can run the pod') }, true);
    }
    const until = created + bounds.pendingMs;
    if (now < until) return waiting('the pod to start', until);
    return decided(observation, pod, { failure: failure('Lost', 'PendingTooLong', `the pod stayed Pending for ${bounds.pendingMs / 1000} s${reason ? ` (${reason})` : ''}`) }, true);
  }
  if (phase === 'Running') {
    const started = timeOf(job.status?.startTime) ?? created;
    const deadline = job.spec?.activeDeadlineSeconds;
    if (deadline === undefined) return waiting('the step to finish', Number.POSITIVE_INFINITY);
    const until = started + deadline * 1000 + bounds.deadlineGraceMs;
    if (now < until) return waiting('the step to finish', until);
    return decided(observation, pod, { failure: failure('DeadlineExceeded', 'DeadlineExceeded', `the step ran past activeDeadlineSeconds (${deadline}) and the Job controller did not stop it`) }, true);
  }
  // The pod finished but the Job has no final condition yet: give the controller a moment, then decide from the pod.
  const finishedAt = container?.state?.terminated?.finishedAt;
  const until = (timeOf(finishedAt) ?? now) + bounds.settleMs;
  if (now < until) return waiting('the Job controller to record the pod\'s end', until);
  if (phase === 'Succeeded') return decided(observation, pod, { ...(finishedAt ? { finishedAt } : {}) }, false);
  const fromPod = classifyFailedPod(pod) ?? failure('Lost', 'PodFailed', `pod ${pod.metadata.name} failed without a container status`);
  return decided(observation, pod, { failure: fromPod, ...(finishedAt ? { finishedAt } : {}) }, false);
}

import type { KubeObject } from '@floe/kube';
import { jobAnnotations } from '../attempt/job-annotations.js';
import type { Condition, ContainerState, ContainerStatus, JobObject, PodObject } from '../attempt/kube-shapes.js';

type Metadata = KubeObject['metadata'];

/** The metadata the tracker reads: identity, version, times, and (for pods) the labels naming their Job. */
function keptMetadata(metadata: Metadata, extra: Partial<Metadata>): Metadata {
  return {
    name: metadata.name,
    ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}),
    ...(metadata.uid !== undefined ? { uid: metadata.uid } : {}),
    ...(metadata.resourceVersion !== undefined ? { resourceVersion: metadata.resourceVersion } : {}),
    ...(metadata.creationTimestamp !== undefined ? { creationTimestamp: metadata.creationTimestamp } : {}),
    ...(metadata.deletionTimestamp !== undefined ? { deletionTimestamp: metadata.deletionTimestamp } : {}),
    ...extra,
  };
}

/** Only the entries of `record` whose key passes `keep`; undefined when none does. */
function pick(record: Readonly<Record<string, string>> | undefined, keep: (key: string) => boolean): Record<string, string> | undefined {
  if (!record) return undefined;
  let kept: Record<string, string> | undefined;
  for (const key in record) if (keep(key)) (kept ??= {})[key] = record[key]!;
  return kept;
}

const floeJobAnnotations: readonly string[] = Object.values(jobAnnotations);
/** Controller labels that only repeat the Job's uid. */
const uidLabels = new Set(['controller-uid', 'batch.kubernetes.io/controller-uid']);

function keptConditions(conditions: readonly Condition[] | undefined): Condition[] | undefined {
  return conditions?.map((condition) => ({
    type: condition.type, status: condition.status,
    ...(condition.reason !== undefined ? { reason: condition.reason } : {}),
    ...(condition.message !== undefined ? { message: condition.message } : {}),
    ...(condition.lastTransitionTime !== undefined ? { lastTransitionTime: condition.lastTransitionTime } : {}),
  }));
}

function keptState(state: ContainerState | undefined): ContainerState | undefined {
  if (!state) return undefined;
  const { waiting, running, terminated } = state;
  return {
    ...(waiting ? { waiting: { ...(waiting.reason !== undefined ? { reason: waiting.reason } : {}), ...(waiting.message !== undefined ? { message: waiting.message } : {}) } } : {}),
    ...(running ? { running: { ...(running.startedAt !== undefined ? { startedAt: running.startedAt } : {}) } } : {}),
    ...(terminated ? { terminated: {
      exitCode: terminated.exitCode,
      ...(terminated.reason !== undefined ? { reason: terminated.reason } : {}),
      ...(terminated.message !== undefined ? { message: terminated.message } : {}),
      ...(terminated.startedAt !== undefined ? { startedAt: terminated.startedAt } : {}),
      ...(terminated.finishedAt !== undefined ? { finishedAt: terminated.finishedAt } : {}),
    } } : {}),
  };
}

function keptContainerStatus(status: ContainerStatus): ContainerStatus {
  const state = keptState(status.state);
  const lastState = keptState(status.lastState);
  return {
    name: status.name,
    ...(status.image !== undefined ? { image: status.image } : {}),
    ...(status.restartCount !== undefined ? { restartCount: status.restartCount } : {}),
    ...(state ? { state } : {}),
    ...(lastState ? { lastState } : {}),
  };
}

function trimPod(pod: PodObject): PodObject {
  const labels = pick(pod.metadata.labels, (key) => !uidLabels.has(key));
  const jobOwners = pod.metadata.ownerReferences?.filter((owner) => owner.kind === 'Job').map((owner) => ({ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid }));
  const metadata = keptMetadata(pod.metadata, { ...(labels ? { labels } : {}), ...(jobOwners?.length ? { ownerReferences: jobOwners } : {}) });
  const nodeName = pod.spec?.nodeName;
  const status = pod.status;
  const conditions = keptConditions(status?.conditions);
  return {
    apiVersion: pod.apiVersion, kind: pod.kind, metadata,
    ...(nodeName ? { spec: { nodeName } } : {}),
    ...(status ? { status: {
      ...(status.phase !== undefined ? { phase: status.phase } : {}),
      ...(status.reason !== undefined ? { reason: status.reason } : {}),
      ...(status.message !== undefined ? { message: status.message } : {}),
      ...(status.startTime !== undefined ? { startTime: status.startTime } : {}),
      ...(conditions ? { conditions } : {}),
      ...(status.containerStatuses ? { containerStatuses: status.containerStatuses.map(keptContainerStatus) } : {}),
    } } : {}),
  };
}

function trimJob(job: JobObject): JobObject {
  const annotations = pick(job.metadata.annotations, (key) => floeJobAnnotations.includes(key));
  const metadata = keptMetadata(job.metadata, annotations ? { annotations } : {});
  const spec = job.spec ?? {};
  const status = job.status;
  const conditions = keptConditions(status?.conditions);
  return {
    apiVersion: job.apiVersion, kind: job.kind, metadata,
    spec: { ...(spec.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}), ...(spec.suspend !== undefined ? { suspend: spec.suspend } : {}) },
    ...(status ? { status: {
      ...(conditions ? { conditions } : {}),
      ...(status.startTime !== undefined ? { startTime: status.startTime } : {}),
      ...(status.completionTime !== undefined ? { completionTime: status.completionTime } : {}),
      ...(status.active !== undefined ? { active: status.active } : {}),
      ...(status.succeeded !== undefined ? { succeeded: status.succeeded } : {}),
      ...(status.failed !== undefined ? { failed: status.failed } : {}),
    } } : {}),
  };
}

/**
 * What the tracker keeps of each watched object, copied out of the parsed
 * event so the event itself is garbage at once: a Job's identity, floe's
 * result/cancel annotations, deadline, suspension and status; a pod's
 * identity, labels (its Job's name), node and the status fields the
 * classifier and the attempt report read (phase, reason, conditions, the
 * containers' states). Pod specs, Job templates (with the step's env and
 * FLOE_STEP JSON), managedFields and the other annotations are dropped:
 * a runner tracking a thousand attempts keeps a few hundred bytes of each
 * and its watch events do not outlive their parse.
 */
export function trimWatchedObject(object: KubeObject): KubeObject {
  if (object.kind === 'Pod') return trimPod(object);
  if (object.kind === 'Job') return trimJob(object);
  return object;
}

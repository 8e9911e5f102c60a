import type { KubeObject } from '@floe/kube';
import { jobAnnotations } from '../attempt/job-annotations.js';
import type { Condition, ContainerState, ContainerStatus, JobObject, PodObject } from '../attempt/kube-shapes.js';

type Metadata = KubeObject['metadata'];

/** `fields` without its undefined entries: a copy holds only what the source had. */
function defined<T extends object>(fields: T): T {
  const kept = {} as T;
  for (const key in fields) if (fields[key] !== undefined) kept[key] = fields[key];
  return kept;
}

/** The metadata the tracker reads: identity, version, times, and (for pods) the labels naming their Job. */
function keptMetadata(metadata: Metadata, extra: Partial<Metadata>): Metadata {
  const { name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp } = metadata;
  return defined({ name, namespace, uid, resourceVersion, creationTimestamp, deletionTimestamp, ...extra });
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
  return conditions?.map(({ type, status, reason, message, lastTransitionTime }) => defined({ type, status, reason, message, lastTransitionTime }));
}

function keptState(state: ContainerState | undefined): ContainerState | undefined {
  if (!state) return undefined;
  const { waiting, running, terminated } = state;
  return defined({
    waiting: waiting && defined({ reason: waiting.reason, message: waiting.message }),
    running: running && defined({ startedAt: running.startedAt }),
    terminated: terminated && defined({ exitCode: terminated.exitCode, reason: terminated.reason, message: terminated.message, startedAt: terminated.startedAt, finishedAt: terminated.finishedAt }),
  });
}

function keptContainerStatus({ name, image, restartCount, state, lastState }: ContainerStatus): ContainerStatus {
  return defined({ name, image, restartCount, state: keptState(state), lastState: keptState(lastState) });
}

function trimPod(pod: PodObject): PodObject {
  const labels = pick(pod.metadata.labels, (key) => !uidLabels.has(key));
  const jobOwners = pod.metadata.ownerReferences?.filter((owner) => owner.kind === 'Job').map(({ apiVersion, kind, name, uid }) => ({ apiVersion, kind, name, uid }));
  const nodeName = pod.spec?.nodeName;
  const status = pod.status;
  return defined({
    apiVersion: pod.apiVersion, kind: pod.kind,
    metadata: keptMetadata(pod.metadata, defined({ labels, ownerReferences: jobOwners?.length ? jobOwners : undefined })),
    spec: nodeName ? { nodeName } : undefined,
    status: status && defined({
      phase: status.phase, reason: status.reason, message: status.message, startTime: status.startTime,
      conditions: keptConditions(status.conditions), containerStatuses: status.containerStatuses?.map(keptContainerStatus),
    }),
  });
}

function trimJob(job: JobObject): JobObject {
  const annotations = pick(job.metadata.annotations, (key) => floeJobAnnotations.includes(key));
  const spec = job.spec ?? {};
  const status = job.status;
  return defined({
    apiVersion: job.apiVersion, kind: job.kind,
    metadata: keptMetadata(job.metadata, defined({ annotations })),
    spec: defined({ activeDeadlineSeconds: spec.activeDeadlineSeconds, suspend: spec.suspend }),
    status: status && defined({
      conditions: keptConditions(status.conditions), startTime: status.startTime, completionTime: status.completionTime,
      active: status.active, succeeded: status.succeeded, failed: status.failed,
    }),
  });
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

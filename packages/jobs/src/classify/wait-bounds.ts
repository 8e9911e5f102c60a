/**
 * How long each waiting state may last before the attempt is given a
 * result anyway, so a run never hangs. All in milliseconds.
 */
export interface WaitBounds {
  /** Job created but not seen by the watch (nor the reconcile list): then Lost. */
  readonly jobAppearMs: number;
  /** Job seen but not yet started by the Job controller (no status.startTime; a backlog after a burst): then Lost. */
  readonly controllerSyncMs: number;
  /** Job started by the controller, no pod and no refusing FailedCreate event: then Lost. */
  readonly podCreateMs: number;
  /** Pod PodScheduled=False/Unschedulable since this long: then Unschedulable. */
  readonly unschedulableMs: number;
  /** Container waiting on ErrImagePull/ImagePullBackOff this long after the pod was created: then ImagePull. */
  readonly imagePullMs: number;
  /** Container waiting on CreateContainerConfigError this long after the pod was created: then ConfigError. */
  readonly containerConfigMs: number;
  /** Pod Pending with no other known reason: then Lost. */
  readonly pendingMs: number;
  /** Past the Job's activeDeadlineSeconds without the controller failing it: then DeadlineExceeded. */
  readonly deadlineGraceMs: number;
  /** Job Failed but its pod's terminated state not seen yet; or pod finished but Job not yet: wait this long for the other side. */
  readonly settleMs: number;
}

export const defaultWaitBounds: WaitBounds = {
  jobAppearMs: 60_000,
  controllerSyncMs: 600_000,
  podCreateMs: 120_000,
  unschedulableMs: 300_000,
  imagePullMs: 120_000,
  containerConfigMs: 10_000,
  pendingMs: 600_000,
  deadlineGraceMs: 60_000,
  settleMs: 10_000,
};

/** Annotations the job runner writes on Jobs, so any process reading the cluster sees the same outcome. */
export const jobAnnotations = {
  /** Set before a cancel's delete: the Job's disappearance then reads as Cancelled, not Lost. */
  cancelledAt: 'floe.dev/cancelled-at',
  /** JSON AttemptFailure the runner decided for a Job the controller never finished (FailedCreate, Unschedulable, ...). */
  result: 'floe.dev/result',
} as const;

import type { KubeObject } from '@floe/kube';

/** The fields of Kubernetes objects the job runner reads (plain JSON, never generated models). */
export interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

export interface JobObject extends KubeObject {
  spec?: { activeDeadlineSeconds?: number; suspend?: boolean; [field: string]: unknown };
  status?: {
    conditions?: Condition[];
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    [field: string]: unknown;
  };
}

export interface ContainerState {
  readonly waiting?: { readonly reason?: string; readonly message?: string };
  readonly running?: { readonly startedAt?: string };
  readonly terminated?: { readonly exitCode: number; readonly reason?: string; readonly message?: string; readonly startedAt?: string; readonly finishedAt?: string };
}

export interface ContainerStatus {
  readonly name: string;
  readonly image?: string;
  readonly restartCount?: number;
  readonly state?: ContainerState;
  readonly lastState?: ContainerState;
}

export interface PodObject extends KubeObject {
  spec?: { nodeName?: string; [field: string]: unknown };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    [field: string]: unknown;
  };
}

export interface EventObject extends KubeObject {
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string };
  reason?: string;
  message?: string;
  type?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  series?: { count?: number; lastObservedTime?: string };
}

/** The condition of `type` with status True, if any. */
export function trueCondition(conditions: readonly Condition[] | undefined, ...types: string[]): Condition | undefined {
  return conditions?.find((condition) => types.includes(condition.type) && condition.status === 'True');
}

/** Milliseconds since the epoch of an API timestamp, or undefined. */
export function timeOf(timestamp: string | undefined): number | undefined {
  if (!timestamp) return undefined;
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? undefined : ms;
}

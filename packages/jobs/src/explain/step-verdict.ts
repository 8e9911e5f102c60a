import { failureClasses } from '../attempt/attempt-result.js';
import type { AttemptReport } from '../report/attempt-report.js';

function seconds(ms: number | undefined): string {
  return ms === undefined ? '' : ` in ${(ms / 1000).toFixed(1)} s`;
}

function list(items: readonly unknown[]): string {
  const names = items.map(String);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function eventMessage(report: AttemptReport, ...reasons: string[]): string | undefined {
  return report.events.find((event) => reasons.includes(event.reason))?.message;
}

/** Why one failed attempt failed, in a phrase, from the strongest evidence its report holds. */
export function failureCause(report: AttemptReport): string {
  const failure = report.failure;
  if (!failure) return 'succeeded';
  const exit = failure.exitCode !== undefined ? ` (exit ${failure.exitCode})` : '';
  switch (failure.class) {
    case 'OOMKilled':
      return report.memory?.limit ? `the step used its ${report.memory.limit} memory limit${exit}` : `the step ran out of memory${exit}`;
    case 'AppError': {
      const failed = report.summary?.['failed'];
      const message = typeof report.summary?.['message'] === 'string' ? report.summary['message'] : failure.message;
      return Array.isArray(failed) && failed.length > 0 ? `${list(failed)} failed${exit}: ${message}` : `${message}${exit}`;
    }
    case 'Unschedulable':
      return `no node could run the pod: ${eventMessage(report, 'FailedScheduling') ?? failure.message}`;
    case 'ImagePull':
      return `${report.image ? `image ${report.image}` : 'the image'} could not be pulled: ${eventMessage(report, 'Failed', 'ErrImagePull', 'ImagePullBackOff') ?? failure.message}`;
    default:
      return `${failure.message}${exit}`;
  }
}

function notRetriedBecause(report: AttemptReport): string {
  const failure = report.failure!;
  if (failure.retryable) return 'no attempts left (retry.maxAttempts)';
  if (failure.class === 'OOMKilled') return failure.message.includes('maxMemory') ? failure.message : 'OOMKilled is retried only with retry.onOOM in the pipeline; set it, or raise resources.limits.memory';
  return failureClasses[failure.class].why;
}

/**
 * The verdict on one step from the reports of its attempts (in order), a
 * person's first line: e.g. "OOMKilled: the step used its 2Gi memory limit
 * (exit 137); retry 2 ran with 4Gi and succeeded".
 */
export function stepVerdict(reports: readonly AttemptReport[]): string {
  const attempts = [...reports].sort((a, b) => a.attempt - b.attempt);
  const first = attempts.find((report) => report.status === 'Failed');
  const last = attempts.at(-1);
  if (!last) return 'no attempt recorded';
  if (!first) return `succeeded on attempt ${last.attempt}${seconds(last.durationMs)}`;
  const parts = [`${first.failure!.class}: ${failureCause(first)}`];
  for (const report of attempts.filter((candidate) => candidate.attempt > first.attempt)) {
    const memory = report.memoryRaised && report.memory?.limit ? ` ran with ${report.memory.limit} and` : '';
    const outcome = report.status === 'Succeeded' ? 'succeeded' : report.failure!.class === first.failure!.class ? `failed again (${failureCause(report)})` : `failed with ${report.failure!.class}: ${failureCause(report)}`;
    parts.push(`retry ${report.attempt}${memory} ${outcome}`);
  }
  if (last.status === 'Failed') parts.push(`not retried: ${notRetriedBecause(last)}`);
  return parts.join('; ');
}

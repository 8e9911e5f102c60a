import type { Redact } from '@floe/manifests';
import type { AttemptResult } from '../attempt/attempt-result.js';
import type { ContainerState, EventObject, PodObject } from '../attempt/kube-shapes.js';
import { parseTerminationMessage } from '../classify/termination-message.js';
import { fitReport } from './fit-report.js';
import { attemptReportLimitBytes, type AttemptMemory, type AttemptReport, type ReportedContainerState, type ReportedEvent, type ReportedLogs, type ReportedNode } from './attempt-report.js';

/** Everything gathered about a finished attempt, before it is cut and redacted into a report. */
export interface AttemptEvidence {
  readonly result: AttemptResult;
  /** The attempt's last pod as last seen. */
  readonly pod?: PodObject;
  /** Warning Events of the Job and of the pod. */
  readonly events: readonly EventObject[];
  readonly node?: ReportedNode;
  readonly logs?: ReportedLogs;
  readonly image?: string;
  readonly memory?: AttemptMemory;
  readonly memoryRaised?: AttemptReport['memoryRaised'];
  readonly redaction: AttemptReport['redaction'];
}

const maxMessageChars = 600;
const maxLogLineChars = 400;
/** Distinct events kept before the byte bound applies (thousands of repeats collapse into counts first). */
const maxEvents = 20;
/** Log lines kept before the byte bound applies: the last ones. */
export const maxReportLogLines = 50;

function cut(text: string, max = maxMessageChars): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function reportedState(state: ContainerState | undefined, redact: Redact): ReportedContainerState {
  const [kind, detail] = state?.terminated ? ['terminated', state.terminated] as const
    : state?.waiting ? ['waiting', state.waiting] as const
    : state?.running ? ['running', state.running] as const
    : ['unknown', undefined] as const;
  const fields = (detail ?? {}) as { reason?: string; message?: string; exitCode?: number; startedAt?: string; finishedAt?: string };
  return {
    state: kind,
    ...(fields.reason ? { reason: fields.reason } : {}),
    ...(fields.message ? { message: cut(redact(fields.message)) } : {}),
    ...(fields.exitCode !== undefined ? { exitCode: fields.exitCode } : {}),
    ...(fields.startedAt ? { startedAt: fields.startedAt } : {}),
    ...(fields.finishedAt ? { finishedAt: fields.finishedAt } : {}),
  };
}

/** One entry per object, reason and message, with the Events' counts summed; most frequent first. */
export function deduplicateEvents(events: readonly EventObject[], redact: Redact): { kept: ReportedEvent[]; omitted: number } {
  const byKey = new Map<string, { object: string; reason: string; message: string; count: number; lastSeen?: string }>();
  for (const event of events) {
    const object = `${event.involvedObject?.kind ?? '?'}/${event.involvedObject?.name ?? '?'}`;
    const reason = event.reason ?? '';
    // Events are keyed on the start of their message: two that differ only after it read the same in a report.
    const message = (event.message ?? '').slice(0, 2 * maxMessageChars);
    const key = `${object}\u0000${reason}\u0000${message}`;
    const count = event.series?.count ?? event.count ?? 1;
    const seen = event.series?.lastObservedTime ?? event.lastTimestamp ?? event.eventTime;
    const entry = byKey.get(key);
    if (entry) {
      entry.count += count;
      if (seen && (!entry.lastSeen || seen > entry.lastSeen)) entry.lastSeen = seen;
    } else {
      byKey.set(key, { object, reason, message, count, ...(seen ? { lastSeen: seen } : {}) });
    }
  }
  const sorted = [...byKey.values()].sort((a, b) => b.count - a.count || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''));
  const kept = sorted.slice(0, maxEvents).map((entry) => ({ ...entry, message: cut(redact(entry.message)) }));
  return { kept, omitted: sorted.length - kept.length };
}

/**
 * The report of a finished attempt: the result, the step container's
 * states (with the state before a restart), the deduplicated Warning
 * Events, the node's conditions, floe-job's summary and the last log
 * lines — every copied text redacted, the whole at most `limitBytes` as JSON.
 */
export function buildAttemptReport(evidence: AttemptEvidence, redact: Redact, limitBytes: number = attemptReportLimitBytes): AttemptReport {
  const { result, pod } = evidence;
  const statuses = pod?.status?.containerStatuses ?? [];
  const terminatedMessage = statuses.map((status) => status.state?.terminated?.message).find((message) => message !== undefined);
  const rawSummary = result.failure?.summary ?? parseTerminationMessage(terminatedMessage);
  const summary = rawSummary ? (JSON.parse(redact(JSON.stringify(rawSummary))) as Record<string, unknown>) : undefined;
  const events = deduplicateEvents(evidence.events, redact);
  const logLines = (evidence.logs?.lines ?? []).slice(-maxReportLogLines).map((line) => cut(redact(line), maxLogLineChars));
  const report: AttemptReport = {
    namespace: result.namespace, jobName: result.jobName, pipeline: result.pipeline, step: result.step, runId: result.runId, attempt: result.attempt,
    status: result.status,
    ...(result.failure ? { failure: {
      class: result.failure.class, retryable: result.failure.retryable, reason: result.failure.reason, message: cut(redact(result.failure.message)),
      ...(result.failure.exitCode !== undefined ? { exitCode: result.failure.exitCode } : {}),
    } } : {}),
    ...(result.createdAt ? { createdAt: result.createdAt } : {}),
    ...(result.startedAt ? { startedAt: result.startedAt } : {}),
    finishedAt: result.finishedAt,
    ...(result.durationMs !== undefined ? { durationMs: result.durationMs } : {}),
    ...(evidence.image ?? statuses[0]?.image ? { image: evidence.image ?? statuses[0]?.image } : {}),
    ...(evidence.memory ? { memory: evidence.memory } : {}),
    ...(evidence.memoryRaised ? { memoryRaised: evidence.memoryRaised } : {}),
    ...(pod ? { pod: {
      name: pod.metadata.name,
      ...(pod.status?.phase ? { phase: pod.status.phase } : {}),
      ...(pod.status?.reason ? { reason: pod.status.reason } : {}),
      ...(pod.status?.message ? { message: cut(redact(pod.status.message)) } : {}),
    } } : {}),
    containers: statuses.map((status) => ({
      name: status.name,
      restartCount: status.restartCount ?? 0,
      state: reportedState(status.state, redact),
      ...(status.lastState && Object.keys(status.lastState).length > 0 ? { lastState: reportedState(status.lastState, redact) } : {}),
    })),
    events: events.kept,
    ...(evidence.node ? { node: evidence.node } : {}),
    ...(summary ? { summary } : {}),
    ...(evidence.logs ? { logs: { ...evidence.logs, lines: logLines, ...(evidence.logs.lines.length > logLines.length ? { omittedLines: (evidence.logs.omittedLines ?? 0) + evidence.logs.lines.length - logLines.length } : {}) } } : {}),
    ...(events.omitted > 0 ? { omitted: { events: events.omitted } } : {}),
    redaction: evidence.redaction,
  };
  return fitReport(report, limitBytes);
}

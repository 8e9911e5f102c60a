import type { AttemptReport } from './attempt-report.js';

function bytes(report: AttemptReport): number {
  return Buffer.byteLength(JSON.stringify(report));
}

function omit(report: AttemptReport, field: string, count: number): Record<string, number> {
  return { ...report.omitted, [field]: (report.omitted?.[field] ?? 0) + count };
}

/**
 * Cuts a report until its JSON fits `limitBytes`, giving up the least telling
 * evidence first: the oldest log lines, then the rarest events, then
 * floe-job's summary (its message kept), then the container states' and the
 * failure's messages. What was cut is counted in `omitted`.
 */
export function fitReport(report: AttemptReport, limitBytes: number): AttemptReport {
  let fitted = report;
  const cuts: ((current: AttemptReport) => AttemptReport | undefined)[] = [
    (current) => {
      const lines = current.logs?.lines ?? [];
      if (!current.logs || lines.length === 0) return undefined;
      const drop = Math.max(1, Math.ceil(lines.length / 4));
      return { ...current, logs: { ...current.logs, lines: lines.slice(drop), omittedLines: (current.logs.omittedLines ?? 0) + drop }, omitted: omit(current, 'logLines', drop) };
    },
    (current) => (current.events.length === 0 ? undefined : { ...current, events: current.events.slice(0, -1), omitted: omit(current, 'events', 1) }),
    (current) => {
      if (!current.summary) return undefined;
      const message = current.summary['message'];
      const { summary: _dropped, ...rest } = current;
      return { ...rest, ...(typeof message === 'string' && message.length <= 600 ? { summary: { message } } : {}), omitted: omit(current, 'summary', 1) };
    },
    (current) => {
      if (current.containers.every((container) => !container.state.message && !container.lastState?.message)) return undefined;
      const strip = <T extends { message?: string }>(state: T): T => {
        const { message: _message, ...rest } = state;
        return rest as T;
      };
      return { ...current, containers: current.containers.map((container) => ({ ...container, state: strip(container.state), ...(container.lastState ? { lastState: strip(container.lastState) } : {}) })), omitted: omit(current, 'containerMessages', 1) };
    },
    (current) => {
      const failure = current.failure;
      if (!failure || failure.message.length <= 80) return undefined;
      return { ...current, failure: { ...failure, message: `${failure.message.slice(0, 80)}…` }, omitted: omit(current, 'failureMessage', 1) };
    },
  ];
  for (const shrink of cuts) {
    while (bytes(fitted) > limitBytes) {
      const next = shrink(fitted);
      if (!next) break;
      fitted = next;
    }
  }
  return fitted;
}

import type { LogLevel } from './json-logger.js';

/** A child's output line as a log record. */
export interface ChildLogRecord {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

// eslint-disable-next-line no-control-regex -- ANSI colour escapes are control characters by definition
const ansiEscape = /\u001b\[[0-9;]*m/g;
const levels = new Set<string>(['debug', 'info', 'warn', 'error']);

/**
 * Turns one line of child output into a log record. dbt's `--log-format json`
 * lines (`{info: {level, msg, name, pid}, data: {node_info}}`) keep their level,
 * event name, node and process id; any other line is wrapped with the tool and stream.
 */
export function parseChildLogLine(tool: string, stream: 'stdout' | 'stderr', line: string): ChildLogRecord {
  const fallback: ChildLogRecord = {
    level: stream === 'stderr' ? 'warn' : 'info',
    message: line.replace(ansiEscape, ''),
    fields: { source: tool, stream },
  };
  if (!line.startsWith('{')) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return fallback;
  }
  const info = (parsed as { info?: Record<string, unknown> }).info;
  if (!info || typeof info.msg !== 'string') return fallback;
  const data = (parsed as { data?: { node_info?: { unique_id?: unknown } } }).data;
  const level = typeof info.level === 'string' && levels.has(info.level) ? (info.level as LogLevel) : 'info';
  return {
    level,
    message: info.msg.replace(ansiEscape, ''),
    fields: {
      source: tool,
      ...(typeof info.name === 'string' ? { event: info.name } : {}),
      ...(typeof data?.node_info?.unique_id === 'string' ? { node: data.node_info.unique_id } : {}),
      ...(typeof info.pid === 'number' ? { pid: info.pid } : {}),
    },
  };
}

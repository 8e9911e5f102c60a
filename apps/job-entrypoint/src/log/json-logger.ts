import type { Redact } from '@floe/manifests';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Who is logging: the same on every line of a step. */
export interface LogContext {
  readonly step: string;
  readonly runId: string;
  readonly pipeline?: string | undefined;
}

/** Writes one JSON object per line: timestamp, level, step, runId, message, and any extra fields. */
export interface JsonLogger {
  log(level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>): void;
  /** A logger whose lines carry `context` (e.g. the step name once FLOE_STEP is parsed). */
  withContext(context: LogContext): JsonLogger;
}

/**
 * A logger writing to `write` (stdout in floe-job; synchronous for pipes and
 * files on Linux, so nothing is lost at exit). Every line goes through
 * `redact` after serialisation, so no secret reaches the log whatever field
 * it hides in.
 */
export function createJsonLogger(
  context: LogContext,
  redact: Redact,
  write: (line: string) => void = (line) => process.stdout.write(line),
): JsonLogger {
  return {
    log(level, message, fields = {}) {
      const record = {
        timestamp: new Date().toISOString(),
        level,
        step: context.step,
        runId: context.runId,
        ...(context.pipeline ? { pipeline: context.pipeline } : {}),
        message,
        ...fields,
      };
      write(`${redact(JSON.stringify(record))}\n`);
    },
    withContext(next) {
      return createJsonLogger(next, redact, write);
    },
  };
}

import { randomBytes } from 'node:crypto';

/** The W3C trace context floe-job's span continues. */
export interface TraceContext {
  readonly traceId: string;
  /** The parent span, absent when floe-job starts a new trace. */
  readonly parentSpanId: string | undefined;
}

const traceparentPattern = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The trace to join from a `traceparent` header value (TRACEPARENT env), or
 * a fresh trace when it is absent or invalid (all-zero ids, version ff).
 */
export function traceContextFrom(traceparent: string | undefined): TraceContext {
  const match = traceparentPattern.exec(traceparent?.trim().toLowerCase() ?? '');
  if (match && match[1] !== 'ff' && !/^0+$/.test(match[2]!) && !/^0+$/.test(match[3]!)) {
    return { traceId: match[2]!, parentSpanId: match[3]! };
  }
  return { traceId: randomBytes(16).toString('hex'), parentSpanId: undefined };
}

/** A new random span id (8 bytes, hex). */
export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

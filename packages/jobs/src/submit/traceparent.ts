import { createHash } from 'node:crypto';

function hex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * W3C trace context for one attempt: the trace id is derived from the run id
 * (so every step and attempt of a run lands in one trace, whoever submits
 * it), the parent span id from run, step and attempt. A caller with its own
 * trace (Dagster's run) passes that instead.
 */
export function runTraceparent(runId: string, step: string, attempt: number): string {
  return `00-${hex(`floe-run:${runId}`, 32)}-${hex(`floe-attempt:${runId}/${step}/${attempt}`, 16)}-01`;
}

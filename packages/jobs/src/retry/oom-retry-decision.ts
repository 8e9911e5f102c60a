import type { OomRetry } from '@floe/spec';
import type { AttemptResult } from '../attempt/attempt-result.js';
import type { AttemptMemory } from '../report/attempt-report.js';
import { raisedMemory } from './oom-memory.js';

/**
 * OOMKilled is not retryable by itself (the same limit is hit again); with
 * the pipeline's `retry.onOOM` it is, as long as the next attempt can get
 * more memory than `memory` (this attempt's). The message then says what the
 * next attempt gets, or that the cap is reached.
 */
export function decideOomRetry(result: AttemptResult, memory: AttemptMemory, onOOM: OomRetry | undefined): AttemptResult {
  const failure = result.failure;
  if (failure?.class !== 'OOMKilled' || !onOOM) return result;
  const next = raisedMemory(memory, onOOM);
  const used = memory.limit ? ` (limit ${memory.limit})` : '';
  const message = next
    ? `the container ran out of memory${used}; retry.onOOM gives the next attempt ${next.limit ?? next.request ?? 'more'}`
    : `the container ran out of memory${used}, already at retry.onOOM.maxMemory ${onOOM.maxMemory}; raise maxMemory or reduce the step's memory use`;
  return { ...result, failure: { ...failure, retryable: next !== undefined, message } };
}

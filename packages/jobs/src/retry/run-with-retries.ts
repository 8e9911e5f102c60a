import { setTimeout as sleep } from 'node:timers/promises';
import type { RetryPolicy } from '@floe/spec';
import type { AttemptResult } from '../attempt/attempt-result.js';
import { retryDelayMs } from './retry-delay.js';

/** Every attempt of a step, in order; `final` is the last one. */
export interface RetryOutcome {
  readonly attempts: readonly AttemptResult[];
  readonly final: AttemptResult;
}

export interface RetryLoopOptions {
  readonly policy: RetryPolicy;
  /** Called when an attempt finished, before any wait for the next. */
  readonly onAttempt?: (result: AttemptResult, next: { readonly attempt: number; readonly delayMs: number } | undefined) => void;
  readonly signal?: AbortSignal;
  readonly random?: () => number;
}

/**
 * The orchestrator's retry loop: runs attempt 1, and attempt n+1 only when
 * attempt n failed with a retryable class and the policy allows more,
 * after the policy's backoff. Resubmitting is idempotent, so calling this
 * again for the same run adopts the attempts that already exist.
 */
export async function retryAttempts(runAttempt: (attempt: number) => Promise<AttemptResult>, options: RetryLoopOptions): Promise<RetryOutcome> {
  const attempts: AttemptResult[] = [];
  for (let attempt = 1; ; attempt++) {
    const result = await runAttempt(attempt);
    attempts.push(result);
    const again = result.status === 'Failed' && result.failure?.retryable === true && attempt < options.policy.maxAttempts && !options.signal?.aborted;
    const delayMs = again ? retryDelayMs(attempt, options.policy.backoff, options.random) : 0;
    options.onAttempt?.(result, again ? { attempt: attempt + 1, delayMs } : undefined);
    if (!again) return { attempts, final: result };
    try {
      await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
    } catch {
      return { attempts, final: result };
    }
  }
}

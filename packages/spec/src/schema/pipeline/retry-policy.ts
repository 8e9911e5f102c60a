import { z } from 'zod';

/**
 * How the orchestrator retries a failed step (the Job itself never retries).
 * Only retryable failure classes are retried; attempt n waits
 * min(initialSeconds * multiplier^(n-1), maxSeconds), with jitter.
 */
export const retryPolicy = z
  .strictObject({
    maxAttempts: z.int().min(1).max(10).default(1),
    backoff: z
      .strictObject({
        initialSeconds: z.number().min(0).max(3600).default(30),
        multiplier: z.number().min(1).max(10).default(2),
        maxSeconds: z.number().min(0).max(86400).default(600),
        jitter: z.boolean().default(true),
      })
      .prefault({}),
  })
  .prefault({});
export type RetryPolicy = z.output<typeof retryPolicy>;

import { z } from 'zod';
import { memoryBytes } from '../../quantity/memory-bytes.js';
import { quantity } from '../kubernetes-types.js';

/** The smallest memory cap that makes sense for a step container. */
const minimumMaxMemoryBytes = 16 * 2 ** 20;

/**
 * Memory-aware retries: an OOMKilled attempt is retried with the memory
 * request and limit of the attempt before it multiplied by `memoryFactor`,
 * at most `maxMemory`. Without it OOMKilled is not retried.
 */
export const oomRetry = z.strictObject({
  memoryFactor: z.number().min(1.1, { error: 'must be at least 1.1, or the retry fails the same way' }).max(8).default(2),
  maxMemory: quantity.superRefine((value, ctx) => {
    const bytes = memoryBytes(value);
    if (bytes === undefined || bytes < minimumMaxMemoryBytes) {
      ctx.addIssue({
        code: 'custom',
        message: `maxMemory "${value}" is not a memory size of at least 16Mi`,
        params: { rule: 'invalid-memory', hint: 'write a memory quantity such as 8Gi or 16Gi' },
      });
    }
  }),
});
export type OomRetry = z.output<typeof oomRetry>;

/**
 * How the orchestrator retries a failed step (the Job itself never retries).
 * Only retryable failure classes are retried (OOMKilled too with `onOOM`);
 * attempt n waits min(initialSeconds * multiplier^(n-1), maxSeconds), with jitter.
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
    onOOM: oomRetry.optional(),
  })
  .prefault({});
export type RetryPolicy = z.output<typeof retryPolicy>;

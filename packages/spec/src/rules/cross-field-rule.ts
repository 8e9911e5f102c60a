import type { z } from 'zod';
import { oneShotParse } from '../load/one-shot-parse.js';

/**
 * A cross-field rule (`superRefine` arguments) that runs even when other
 * fields of the object are invalid, so that `floe validate` reports every
 * issue in one pass. It runs once the fields it reads parse with `reads`
 * (a lenient schema of just those fields), and gets them parsed.
 */
export function crossFieldRule<T extends z.ZodType>(
  reads: T,
  rule: (fields: z.output<T>, ctx: z.RefinementCtx) => void,
): [(value: unknown, ctx: z.RefinementCtx) => void, { when: (payload: { value: unknown }) => boolean }] {
  return [
    (value, ctx) => {
      const fields = reads.safeParse(value, oneShotParse);
      if (fields.success) rule(fields.data, ctx);
    },
    { when: (payload) => reads.safeParse(payload.value, oneShotParse).success },
  ];
}

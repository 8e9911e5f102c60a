import { z } from 'zod';
import { findCronProblem } from '../../rules/cron.js';
import { findTimezoneProblem } from '../../rules/timezone.js';

/** When the orchestrator starts the pipeline: a cron expression in an IANA time zone. */
export const schedule = z.strictObject({
  cron: z.string().superRefine((value, ctx) => {
    const problem = findCronProblem(value);
    if (problem) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid cron "${value}": ${problem}`,
        params: { rule: 'invalid-cron', hint: 'write five fields, e.g. "0 2 * * *" for 02:00 daily, or a macro like @daily' },
      });
    }
  }),
  timezone: z
    .string()
    .default('UTC')
    .superRefine((value, ctx) => {
      const problem = findTimezoneProblem(value);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: problem,
          params: { rule: 'invalid-timezone', hint: 'use an IANA name from the tz database, e.g. Europe/Berlin' },
        });
      }
    }),
});
export type Schedule = z.output<typeof schedule>;

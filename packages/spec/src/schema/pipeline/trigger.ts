import { z } from 'zod';
import { dnsLabel } from '../kubernetes-types.js';

/**
 * What starts a pipeline besides its schedule (a Dagster sensor on the
 * orchestrator side). `pipeline-succeeded`: run after each successful run of
 * another pipeline of the same platform (run B when A succeeds).
 */
export const trigger = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('pipeline-succeeded'),
    pipeline: dnsLabel(40),
  }),
]);
export type Trigger = z.output<typeof trigger>;

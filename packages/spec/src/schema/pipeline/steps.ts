import { z } from 'zod';
import { dnsLabel, imageReference, resources } from '../kubernetes-types.js';
import { envVar } from './step-env.js';
import { crossFieldRule } from '../../rules/cross-field-rule.js';

const stepCommon = {
  name: dnsLabel(40),
  dependsOn: z.array(z.string()).default([]),
  image: imageReference.optional(),
  resources: resources.optional(),
  env: z.array(envVar).default([]),
  timeoutSeconds: z.int().min(30).max(7 * 24 * 3600).optional(),
};

const selector = z.array(z.string().min(1)).default([]);

/** A dbt command over the pipeline's dbt project. */
export const dbtStep = z.strictObject({
  ...stepCommon,
  type: z.literal('dbt'),
  command: z.enum(['run', 'build', 'test', 'seed', 'snapshot']),
  select: selector,
  exclude: selector,
  target: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  fullRefresh: z.boolean().default(false),
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

/**
 * Data-quality checks as SQL assertions against the warehouse: each query
 * returns the rows that violate the rule, and the check passes when it
 * returns none (dbt's "singular test" semantics). Checks of severity `warn`
 * are reported but do not fail the step.
 */
export const qualityStep = z.strictObject({
  ...stepCommon,
  type: z.literal('quality'),
  checks: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-z0-9_][a-z0-9_-]{0,62}$/, { error: 'must be lowercase letters, digits, "_" or "-"' }),
        description: z.string().optional(),
        sql: z.string().min(1),
        severity: z.enum(['error', 'warn']).default('error'),
      }),
    )
    .min(1, { error: 'a quality step needs at least one check' }),
});

const ingestionSource = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('filesystem'),
    path: z.string().min(1),
    format: z.enum(['csv', 'jsonl', 'parquet']),
  }),
]);

/** What the merge-key rule reads (checked even when other fields of the step are invalid). */
const mergeKeyFields = z.object({ writeDisposition: z.string().default('append'), primaryKey: z.array(z.string()).default([]) });

/** A dlt ingestion whose destination comes from the platform configuration. */
export const ingestionStep = z
  .strictObject({
    ...stepCommon,
    type: z.literal('ingestion'),
    source: ingestionSource,
    pipelineName: z.string().regex(/^[a-z0-9_]{1,63}$/).optional(),
    dataset: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lowercase SQL identifier' }),
    table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lowercase SQL identifier' }),
    writeDisposition: z.enum(['append', 'replace', 'merge']).default('append'),
    primaryKey: z.array(z.string().min(1)).default([]),
  })
  .superRefine(...crossFieldRule(mergeKeyFields, (step, ctx) => {
    if (step.writeDisposition === 'merge' && step.primaryKey.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['primaryKey'],
        message: 'writeDisposition "merge" needs a primaryKey',
        params: { rule: 'merge-needs-key', hint: 'list the key columns, e.g. primaryKey: [order_id]' },
      });
    }
  }));

/** One step of a pipeline; `type` decides which fields apply. */
export const step = z.discriminatedUnion('type', [dbtStep, qualityStep, ingestionStep]);
export type Step = z.output<typeof step>;
export type DbtStep = z.output<typeof dbtStep>;
export type QualityStep = z.output<typeof qualityStep>;
export type IngestionStep = z.output<typeof ingestionStep>;

import { z } from 'zod';
import { crossFieldRule } from '../../rules/cross-field-rule.js';
import { checkPipelineGraph, pipelineGraphFields } from '../../rules/pipeline-graph.js';
import { checkReservedEnv, stepEnvFields } from '../../rules/reserved-env.js';
import { checkOomRetry, oomRetryFields } from '../../rules/oom-retry.js';
import { dnsLabel, imageReference, resources } from '../kubernetes-types.js';
import { floeApiVersion, labels, platformName } from '../metadata.js';
import { retryPolicy } from './retry-policy.js';
import { schedule } from './schedule.js';
import { step } from './steps.js';
import { trigger } from './trigger.js';

const pipelineSpec = z
  .strictObject({
    platform: platformName,
    schedule: schedule.optional(),
    triggers: z.array(trigger).default([]),
    retry: retryPolicy,
    dbt: z
      .strictObject({
        projectDir: z.string().min(1).default('/opt/floe/dbt'),
        target: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('floe'),
      })
      .prefault({}),
    defaults: z
      .strictObject({
        image: imageReference.optional(),
        resources: resources.optional(),
        timeoutSeconds: z.int().min(30).max(7 * 24 * 3600).optional(),
      })
      .prefault({}),
    steps: z.array(step).min(1, { error: 'a pipeline needs at least one step' }),
  })
  .superRefine(...crossFieldRule(pipelineGraphFields, checkPipelineGraph))
  .superRefine(...crossFieldRule(stepEnvFields, checkReservedEnv))
  .superRefine(...crossFieldRule(oomRetryFields, checkOomRetry));

/** `kind: Pipeline` — the steps of Layer 4, their order and how they are retried. */
export const pipelineSchema = z.strictObject({
  apiVersion: floeApiVersion,
  kind: z.literal('Pipeline'),
  metadata: z.strictObject({
    name: dnsLabel(40),
    owner: z.string().min(1).max(128),
    description: z.string().max(1000).optional(),
    labels,
  }),
  spec: pipelineSpec,
});

/** A validated Pipeline with every default applied. */
export type Pipeline = z.output<typeof pipelineSchema>;
/** A Pipeline as a user may write it. */
export type PipelineInput = z.input<typeof pipelineSchema>;

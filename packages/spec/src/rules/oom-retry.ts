import { z } from 'zod';
import { formatMemory, memoryBytes } from '../quantity/memory-bytes.js';
import { resources, type Resources } from '../schema/kubernetes-types.js';
import { retryPolicy, type RetryPolicy } from '../schema/pipeline/retry-policy.js';

interface OomRetrySpec {
  readonly retry: RetryPolicy;
  readonly defaults: { readonly resources?: Resources | undefined };
  readonly steps: readonly { readonly name: string; readonly resources?: Resources | undefined }[];
}

/** The fields checkOomRetry reads (see crossFieldRule): it runs once these parse, whatever else is invalid. */
export const oomRetryFields = z.object({
  retry: retryPolicy,
  defaults: z.object({ resources: resources.optional() }).prefault({}),
  steps: z.array(z.object({ name: z.string(), resources: resources.optional() })),
});

/** The memory limit a step starts with from the pipeline alone (step, then pipeline defaults), if it sets one. */
export function pipelineMemoryLimit(spec: Pick<OomRetrySpec, 'defaults'>, step: OomRetrySpec['steps'][number]): string | undefined {
  return step.resources?.limits?.memory ?? spec.defaults.resources?.limits?.memory;
}

/**
 * `retry.onOOM` must be able to act: more than one attempt, and a
 * `maxMemory` above the memory limit a step starts with (else the retry
 * would ask for no more memory and be OOMKilled again).
 */
export function checkOomRetry(spec: OomRetrySpec, ctx: z.RefinementCtx): void {
  const onOOM = spec.retry.onOOM;
  if (!onOOM) return;
  if (spec.retry.maxAttempts < 2) {
    ctx.addIssue({
      code: 'custom',
      path: ['retry', 'onOOM'],
      message: 'retry.onOOM has no effect with maxAttempts 1: there is no attempt to give more memory',
      params: { rule: 'oom-retry-needs-attempts', hint: 'set retry.maxAttempts to 2 or more' },
    });
  }
  const cap = memoryBytes(onOOM.maxMemory);
  if (cap === undefined) return;
  for (const [index, step] of spec.steps.entries()) {
    const limit = pipelineMemoryLimit(spec, step);
    const bytes = limit === undefined ? undefined : memoryBytes(limit);
    if (bytes === undefined || bytes < cap) continue;
    ctx.addIssue({
      code: 'custom',
      path: ['retry', 'onOOM', 'maxMemory'],
      message: `retry.onOOM.maxMemory ${onOOM.maxMemory} is not above the memory limit ${formatMemory(bytes)} of step "${step.name}" (steps[${index}]), so an OOMKilled retry could not get more memory`,
      params: { rule: 'oom-retry-cap', hint: `raise maxMemory above ${formatMemory(bytes)}, or lower the step's resources.limits.memory` },
    });
    return;
  }
}

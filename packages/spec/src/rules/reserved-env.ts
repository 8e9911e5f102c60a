import { z } from 'zod';
import { reservedEnvPrefixes } from '../schema/pipeline/step-env.js';

/** What the reserved-env rule reads: the names of each step's env vars. */
export const stepEnvFields = z.object({
  steps: z.array(z.object({ env: z.array(z.object({ name: z.string() })).default([]) })),
});

/** Rejects step env vars that would override what floe's pod template sets (FLOE_*, OTEL_*). */
export function checkReservedEnv(
  spec: { steps: readonly { env: readonly { name: string }[] }[] },
  ctx: z.RefinementCtx,
): void {
  for (const [stepIndex, step] of spec.steps.entries()) {
    for (const [envIndex, variable] of step.env.entries()) {
      const prefix = reservedEnvPrefixes.find((candidate) => variable.name.startsWith(candidate));
      if (!prefix) continue;
      ctx.addIssue({
        code: 'custom',
        path: ['steps', stepIndex, 'env', envIndex, 'name'],
        message: `environment variable ${variable.name} is reserved: floe sets ${prefix}* itself`,
        params: { rule: 'reserved-env', hint: 'rename the variable; platform settings arrive through the platform config' },
      });
    }
  }
}

import { pipelineSchema } from '@floe/spec';
import { z } from 'zod';

// @floe/spec exports the Pipeline schema but not its step schema: take both
// parts from it so FLOE_STEP is validated by exactly the rules `floe validate` uses.
const pipelineSpec = pipelineSchema.shape.spec;

/** The zod schema of `StepInvocation` (the JSON in FLOE_STEP). */
export const stepInvocationSchema = z.strictObject({
  pipeline: z.string().min(1),
  platform: z.string().min(1),
  dbt: pipelineSpec.shape.dbt,
  step: pipelineSpec.shape.steps.element,
});

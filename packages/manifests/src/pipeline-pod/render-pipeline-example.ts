import type { Pipeline, Platform } from '@floe/spec';
import type { RenderedComponent } from '../render/component.js';
import { renderPipelineJob } from './render-pipeline-job.js';

/** Run id of example Jobs, so they never clash with a real run's. */
export const exampleRunId = 'example';

/**
 * One example Job per step of `pipeline` (run id `example`, attempt 1), to
 * review what the job runner and Dagster will create. Not meant to be
 * applied: applying it runs the steps, ignoring their order.
 */
export function renderPipelineExample(platform: Platform, pipeline: Pipeline): RenderedComponent {
  return {
    name: `90-pipeline-${pipeline.metadata.name}.example`,
    objects: pipeline.spec.steps.map((step) => renderPipelineJob({ platform, pipeline, step, runId: exampleRunId, attempt: 1 })),
  };
}

import { objectName } from '../naming/object-name.js';
import { shortHash } from '../naming/short-hash.js';

const cleanFragment = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface PipelineJobNameInput {
  readonly pipeline: string;
  readonly step: string;
  readonly runId: string;
  readonly attempt: number;
}

/**
 * The deterministic Job name of one attempt of a step in a run:
 * `<pipeline>-<step>-<run>-a<attempt>`, at most 63 characters. A run id that
 * is not already lowercase DNS-safe is cleaned and hashed (so "Run_1" and
 * "run-1" differ); a name that is too long keeps a prefix and a hash of the
 * whole, so resubmitting the same attempt always targets the same Job.
 */
export function pipelineJobName(input: PipelineJobNameInput): string {
  const run = cleanFragment.test(input.runId) ? input.runId : `${input.runId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 20)}-${shortHash(input.runId, 6)}`;
  return objectName(input.pipeline, input.step, run, `a${input.attempt}`);
}

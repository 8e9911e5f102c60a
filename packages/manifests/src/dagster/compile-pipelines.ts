import type { Pipeline, Platform } from '@floe/spec';
import { UnsupportedPlatformError } from '../errors.js';

/** A Pipeline compiled for the orchestrator: one JSON document per pipeline. */
export interface CompiledPipeline {
  readonly name: string;
  /** `<name>.json`: the ConfigMap key and the file name the code location reads. */
  readonly fileName: string;
  /** The validated Pipeline with every default applied, as JSON (a valid Pipeline document itself). */
  readonly json: string;
}

/**
 * Compiles validated pipelines into what the Dagster code location reads:
 * the Pipeline with its defaults, as stable JSON (same input, same bytes),
 * sorted by name. The JSON validates against `specJsonSchema('pipeline')`
 * and can be passed to `floe job run -p` as it is.
 */
export function compilePipelines(pipelines: readonly Pipeline[]): CompiledPipeline[] {
  const seen = new Set<string>();
  for (const pipeline of pipelines) {
    const name = pipeline.metadata.name;
    if (seen.has(name)) throw new UnsupportedPlatformError(`two pipelines are named "${name}": rename one (pipeline names are unique per platform)`);
    seen.add(name);
  }
  return [...pipelines]
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((pipeline) => ({ name: pipeline.metadata.name, fileName: `${pipeline.metadata.name}.json`, json: `${JSON.stringify(pipeline, null, 2)}\n` }));
}

/** The validated Platform as JSON, the `-f` file of `floe job run` inside the cluster. */
export function compilePlatform(platform: Platform): string {
  return `${JSON.stringify(platform, null, 2)}\n`;
}

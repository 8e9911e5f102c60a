import { z } from 'zod';
import { pipelineSchema } from './schema/pipeline/pipeline.js';
import { platformSchema } from './schema/platform/platform.js';

const schemaBaseUrl = 'https://floe.dev/schema/v1';

function exportSchema(schema: z.ZodType, name: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return { ...json, $id: `${schemaBaseUrl}/${name}.schema.json`, title };
}

/**
 * The JSON Schema of a document kind, for editors
 * (`# yaml-language-server: $schema=...`) and other tools. Cross-field rules
 * (cycles, dependencies, inline credentials) are enforced by the loader only.
 */
export function specJsonSchema(kind: 'platform' | 'pipeline'): Record<string, unknown> {
  return kind === 'platform'
    ? exportSchema(platformSchema, 'platform', 'floe Platform')
    : exportSchema(pipelineSchema, 'pipeline', 'floe Pipeline');
}

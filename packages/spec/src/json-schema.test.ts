import { describe, expect, it } from 'vitest';
import { specJsonSchema } from './index.js';

describe('the committed JSON Schemas', () => {
  // The files under schema/ are file snapshots: a stale one fails here; `pnpm generate:schema` rewrites them.
  it.each(['platform', 'pipeline'] as const)('schema/%s.schema.json matches the zod schema', async (kind) => {
    await expect(`${JSON.stringify(specJsonSchema(kind), null, 2)}\n`).toMatchFileSnapshot(`../schema/${kind}.schema.json`);
  });

  it('lets editors reject unknown fields and see defaults', () => {
    const schema = specJsonSchema('platform') as { additionalProperties?: boolean; properties: Record<string, { properties?: Record<string, { default?: unknown }> }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties['metadata']?.properties?.['environment']?.default).toBe('dev');
  });
});

import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';

describe('floe schema', () => {
  it('prints the pipeline JSON Schema', async () => {
    const output = captureOutput();
    expect(await runFloe(['schema', 'pipeline'], output)).toBe(0);
    const schema = JSON.parse(output.stdout()) as { $id: string; title: string };
    expect(schema.$id).toBe('https://floe.dev/schema/v1/pipeline.schema.json');
    expect(schema.title).toBe('floe Pipeline');
  });

  it('rejects an unknown kind', async () => {
    const output = captureOutput();
    expect(await runFloe(['schema', 'cluster'], output)).toBe(2);
    expect(output.stderr()).toContain('Allowed choices are platform, pipeline');
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuesOf } from '../../test/issues-of.js';
import { SpecValidationError, loadSpecFiles, parsePipelineSpec } from '../index.js';

const pipeline = (retry: string, step = '    - { name: a, type: dbt, command: run }\n') =>
  `apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n  owner: me\nspec:\n  platform: acme\n  retry:\n${retry}  steps:\n${step}`;

describe('retry.onOOM', () => {
  it('accepts a factor and a cap, and defaults the factor to 2', () => {
    const parsed = parsePipelineSpec(pipeline('    maxAttempts: 3\n    onOOM: { maxMemory: 16Gi }\n'));
    expect(parsed.spec.retry.onOOM).toEqual({ memoryFactor: 2, maxMemory: '16Gi' });
    expect(parsePipelineSpec(pipeline('    maxAttempts: 3\n')).spec.retry.onOOM).toBeUndefined();
  });

  it('rejects a cap that is not a memory size, at its position', () => {
    expect(issuesOf(pipeline('    maxAttempts: 3\n    onOOM: { maxMemory: 100m }\n'))).toEqual([
      expect.objectContaining({ line: 10, column: 25, rule: 'invalid-memory', path: 'spec.retry.onOOM.maxMemory' }),
    ]);
  });

  it('rejects a factor that would not give more memory', () => {
    expect(issuesOf(pipeline('    maxAttempts: 3\n    onOOM: { memoryFactor: 1, maxMemory: 8Gi }\n'))).toEqual([
      expect.objectContaining({ line: 10, column: 28, path: 'spec.retry.onOOM.memoryFactor', message: 'must be at least 1.1, or the retry fails the same way' }),
    ]);
  });

  it('rejects onOOM with a single attempt', () => {
    expect(issuesOf(pipeline('    onOOM: { maxMemory: 8Gi }\n'))).toEqual([
      expect.objectContaining({ line: 9, column: 12, rule: 'oom-retry-needs-attempts', path: 'spec.retry.onOOM' }),
    ]);
  });

  it('rejects a cap not above a step\'s own memory limit, naming the step', () => {
    const step = '    - name: big\n      type: dbt\n      command: run\n      resources: { limits: { memory: 8Gi } }\n';
    expect(issuesOf(pipeline('    maxAttempts: 2\n    onOOM: { maxMemory: 8Gi }\n', step))).toEqual([
      expect.objectContaining({ line: 10, column: 25, rule: 'oom-retry-cap', message: expect.stringContaining('step "big"') as unknown }),
    ]);
  });

  it('rejects a cap not above the memory limit a step inherits from the platform, in the pipeline file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'floe-oom-'));
    const platformFile = join(dir, 'platform.yaml');
    const pipelineFile = join(dir, 'pipeline.yaml');
    await writeFile(platformFile, 'apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: acme\n');
    await writeFile(pipelineFile, pipeline('    maxAttempts: 2\n    onOOM: { maxMemory: 4Gi }\n'));
    const error: unknown = await loadSpecFiles([platformFile, pipelineFile]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).issues).toEqual([
      expect.objectContaining({ file: pipelineFile, line: 10, column: 25, rule: 'oom-retry-cap', message: expect.stringContaining('inherits from platform "acme"') as unknown }),
    ]);
  });
});

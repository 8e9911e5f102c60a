import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecValidationError, loadSpecFiles, readPlatformIdentity } from '../index.js';

async function file(text: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'floe-identity-')), 'platform.yaml');
  await writeFile(path, text);
  return path;
}

async function rejection(path: string): Promise<SpecValidationError> {
  const error: unknown = await readPlatformIdentity(path).catch((caught: unknown) => caught);
  if (!(error instanceof SpecValidationError)) throw new Error(`expected a SpecValidationError, got ${String(error)}`);
  return error;
}

const platform = (metadata: string, spec = '') => `apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n${metadata}${spec}`;

describe('readPlatformIdentity', () => {
  it('reads the name and platform namespace of the example platform, as the full validation does', async () => {
    const path = new URL('../../../../examples/platform.yaml', import.meta.url).pathname;
    const [validated] = await loadSpecFiles([path]);
    if (validated?.kind !== 'Platform') throw new Error('the example holds a Platform');
    expect(await readPlatformIdentity(path)).toEqual({ name: validated.spec.metadata.name, namespace: validated.spec.spec.namespaces.platform });
    expect(await readFile(path, 'utf8')).toContain('platform: floe-platform');
  });

  it('defaults the namespace as the schema does', async () => {
    const path = await file(platform('  name: acme-data\n'));
    const [validated] = await loadSpecFiles([path]);
    expect(await readPlatformIdentity(path)).toEqual({ name: 'acme-data', namespace: 'floe-platform' });
    expect(validated?.kind === 'Platform' && validated.spec.spec.namespaces.platform).toBe('floe-platform');
  });

  it('does not validate the rest of the file: an invalid field elsewhere still names the platform', async () => {
    const path = await file(platform('  name: acme-data\n', 'spec:\n  namespaces: { platform: data-plane }\n  upgrades: { strategy: canary }\n  unknownField: 1\n'));
    await expect(loadSpecFiles([path])).rejects.toThrow(SpecValidationError);
    expect(await readPlatformIdentity(path)).toEqual({ name: 'acme-data', namespace: 'data-plane' });
  });

  it('finds the Platform among other documents', async () => {
    const path = await file(`apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata: { name: p }\n---\n${platform('  name: acme-data\n')}`);
    expect(await readPlatformIdentity(path)).toEqual({ name: 'acme-data', namespace: 'floe-platform' });
  });

  it('rejects an invalid name or namespace with the same rule, message and position as the full validation', async () => {
    for (const [metadata, spec] of [['  name: Acme_Data\n', ''], [`  name: ${'a'.repeat(31)}\n`, ''], ['  name: acme-data\n', 'spec:\n  namespaces:\n    platform: Data\n']] as const) {
      const path = await file(platform(metadata, spec));
      const full: unknown = await loadSpecFiles([path]).catch((caught: unknown) => caught);
      if (!(full instanceof SpecValidationError)) throw new Error('the full validation rejects it');
      const { issues } = await rejection(path);
      expect(issues).toEqual([full.issues[0]]);
    }
  });

  it('rejects a missing name, a name that is not a string, a file without a Platform or with two, unreadable files and broken YAML, each located', async () => {
    const cases: [string, Partial<SpecValidationError['issues'][number]>][] = [
      [platform('  environment: dev\n'), { rule: 'invalid-value', path: 'metadata.name', message: 'is required', line: 4 }],
      [platform('  name: [a, b]\n'), { rule: 'invalid-value', path: 'metadata.name', message: 'expected a name, found a list', line: 4, column: 9 }],
      ['apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata: { name: p }\n', { rule: 'one-platform', line: 1 }],
      [`${platform('  name: a\n')}---\n${platform('  name: b\n')}`, { rule: 'one-platform', path: 'kind', line: 7, column: 7 }],
      ['kind: Platform\nmetadata: [\n', { rule: 'yaml-syntax', line: 3 }],
      [platform('  name: a\n  name: b\n'), { rule: 'yaml-syntax', line: 5 }],
      [platform('  name: a\n', 'spec:\n  namespaces: data-plane\n'), { rule: 'invalid-value', path: 'spec.namespaces', message: 'expected a mapping, found data-plane', line: 6, column: 15 }],
      [platform('  name: a\n', 'spec: [1]\n'), { rule: 'invalid-value', path: 'spec', message: 'expected a mapping, found a list', line: 5 }],
    ];
    for (const [text, expected] of cases) {
      const path = await file(text);
      const { issues } = await rejection(path);
      expect(issues).toEqual([expect.objectContaining({ file: path, ...expected })]);
    }
    // As `floe validate` reads them: a duplicate key and an oversized file are refused the same way.
    for (const text of [platform('  name: a\n  name: b\n'), `${platform('  name: a\n')}# ${'x'.repeat(5 * 1024 * 1024)}\n`]) {
      const path = await file(text);
      const full: unknown = await loadSpecFiles([path]).catch((caught: unknown) => caught);
      if (!(full instanceof SpecValidationError)) throw new Error('the full validation rejects it');
      expect((await rejection(path)).issues).toEqual(full.issues);
    }
    const missing = join(tmpdir(), 'floe-identity-no-such-file.yaml');
    expect((await rejection(missing)).issues).toEqual([expect.objectContaining({ file: missing, rule: 'unreadable-file', message: 'the file does not exist' })]);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecValidationError, loadSpecFiles } from '../index.js';

async function files(entries: Record<string, string>): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'floe-spec-'));
  return Promise.all(Object.entries(entries).map(async ([name, text]) => {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }));
}

async function rejection(paths: string[]): Promise<SpecValidationError> {
  const error: unknown = await loadSpecFiles(paths).catch((caught: unknown) => caught);
  if (!(error instanceof SpecValidationError)) throw new Error('expected a SpecValidationError');
  return error;
}

const platform = (name: string, extra = '') => `apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: ${name}\n${extra}`;
const pipeline = (platformName: string, extra = '') =>
  `apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n  owner: me\nspec:\n  platform: ${platformName}\n${extra}  steps:\n    - { name: a, type: dbt, command: run }\n`;

describe('loadSpecFiles', () => {
  it('rejects a pipeline whose platform is not among the given ones, in the pipeline file', async () => {
    const paths = await files({ 'platform.yaml': platform('acme-data'), 'pipeline.yaml': pipeline('acme-dta') });
    const error = await rejection(paths);
    expect(error.issues).toEqual([
      expect.objectContaining({ file: paths[1], line: 7, column: 13, rule: 'unknown-platform', hint: 'did you mean "acme-data"?' }),
    ]);
  });

  it('reports a pipeline\'s unknown platform in the same pass as the errors of an invalid platform', async () => {
    const paths = await files({ 'platform.yaml': platform('acme-data', 'spec:\n  upgrades: { strategy: canary }\n'), 'pipeline.yaml': pipeline('acme-dta') });
    const error = await rejection(paths);
    expect(error.issues.map((issue) => [issue.file, issue.rule])).toEqual([[paths[0], 'invalid-value'], [paths[1], 'unknown-platform']]);
    expect(error.issues[1]?.hint).toBe('did you mean "acme-data"?');
  });

  it('does not call the invalid platform a pipeline names unknown: its own errors are what to fix', async () => {
    const paths = await files({ 'platform.yaml': platform('acme-data', 'spec:\n  upgrades: { strategy: canary }\n'), 'other.yaml': platform('other'), 'pipeline.yaml': pipeline('acme-data') });
    expect((await rejection(paths)).issues.map((issue) => issue.rule)).toEqual(['invalid-value']);
  });

  it('rejects a schedule on a platform without orchestrator', async () => {
    const paths = await files({
      'platform.yaml': platform('acme', 'spec:\n  orchestrator:\n    enabled: false\n'),
      'pipeline.yaml': pipeline('acme', '  schedule: { cron: "@daily" }\n'),
    });
    expect((await rejection(paths)).issues).toEqual([expect.objectContaining({ rule: 'component-requires', line: 8 })]);
  });

  it('collects issues of every file, including missing ones', async () => {
    const paths = await files({ 'bad.yaml': platform('BAD') });
    const error = await rejection([...paths, '/nonexistent/floe.yaml']);
    expect(error.issues.map((issue) => issue.rule).sort()).toEqual(['invalid-name', 'unreadable-file']);
    expect(error.code).toBe('SPEC_INVALID');
  });

  it('reads several documents from one file', async () => {
    const paths = await files({ 'all.yaml': `${platform('acme')}---\n${pipeline('acme')}` });
    const documents = await loadSpecFiles(paths);
    expect(documents.map((document) => document.kind)).toEqual(['Platform', 'Pipeline']);
  });
});

describe('pipeline triggers', () => {
  const triggered = (name: string, upstream: string) =>
    `apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: ${name}\n  owner: me\nspec:\n  platform: acme\n  triggers:\n    - { type: pipeline-succeeded, pipeline: ${upstream} }\n  steps:\n    - { name: a, type: dbt, command: run }\n`;

  it('accepts a pipeline that runs after another one', async () => {
    const paths = await files({ 'a.yaml': triggered('marts', 'orders'), 'b.yaml': pipeline('acme').replace('name: p', 'name: orders') });
    const documents = await loadSpecFiles(paths);
    expect(documents.map((document) => document.kind === 'Pipeline' && document.spec.spec.triggers)).toEqual([[{ type: 'pipeline-succeeded', pipeline: 'orders' }], []]);
  });

  it('rejects triggers that form a cycle, naming it', async () => {
    const paths = await files({ 'a.yaml': triggered('a', 'b'), 'b.yaml': triggered('b', 'a') });
    const error = await rejection(paths);
    expect(error.issues).toEqual([expect.objectContaining({ rule: 'trigger-cycle', line: 9, message: 'pipeline triggers form a cycle: a <- b <- a' })]);
  });

  it('rejects a trigger on an unknown pipeline with a suggestion', async () => {
    const paths = await files({ 'a.yaml': triggered('marts', 'ordrs'), 'b.yaml': pipeline('acme').replace('name: p', 'name: orders') });
    expect((await rejection(paths)).issues).toEqual([expect.objectContaining({ rule: 'unknown-pipeline', hint: 'did you mean "orders"?' })]);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const exampleFiles = [`${examples}platform.yaml`, `${examples}pipelines/orders.yaml`, `${examples}pipelines/nightly-marts.yaml`];

async function brokenPipeline(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'floe-cli-'));
  const file = join(dir, 'pipeline.yaml');
  await writeFile(file, 'apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n  owner: me\nspec:\n  platform: acme-data\n  schedule: { cron: "0 2 * *" }\n  steps:\n    - { name: a, type: dbt, command: run, dependsOn: [b] }\n');
  return file;
}

describe('floe validate', () => {
  it('accepts the examples and exits 0', async () => {
    const output = captureOutput();
    expect(await runFloe(['validate', ...exampleFiles], output)).toBe(0);
    expect(output.stdout()).toContain('Platform/acme-data');
    expect(output.stdout()).toContain('Pipeline/orders');
  });

  it('prints every issue like a compiler and exits 1', async () => {
    const file = await brokenPipeline();
    const output = captureOutput();
    expect(await runFloe(['validate', `${examples}platform.yaml`, file], output)).toBe(1);
    expect(output.stderr()).toContain(`${file}:8:21: error[invalid-cron]: invalid cron "0 2 * *"`);
    expect(output.stderr()).toContain(`${file}:10:55: error[unknown-dependency]: step "a" depends on "b"`);
    expect(output.stderr()).toContain('2 errors found');
  });

  it('reports issues as JSON for machines', async () => {
    const file = await brokenPipeline();
    const output = captureOutput();
    expect(await runFloe(['validate', '--output', 'json', file], output)).toBe(1);
    const report = JSON.parse(output.stdout()) as { valid: boolean; issues: { rule: string; line: number }[] };
    expect(report.valid).toBe(false);
    expect(report.issues.map((issue) => [issue.rule, issue.line])).toEqual([['invalid-cron', 8], ['unknown-dependency', 10]]);
  });
});

describe('floe usage errors', () => {
  it('exits 2 on an unknown command or a bad --output', async () => {
    expect(await runFloe(['frobnicate'], captureOutput())).toBe(2);
    expect(await runFloe(['validate', '--output', 'xml', 'x.yaml'], captureOutput())).toBe(2);
  });
});

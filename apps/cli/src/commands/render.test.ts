import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const platformFile = `${examples}platform.yaml`;
const pipelineFiles = [`${examples}pipelines/orders.yaml`, `${examples}pipelines/nightly-marts.yaml`];

describe('floe render', () => {
  it('prints every object as multi-document YAML, Namespaces first, and exits 0', async () => {
    const output = captureOutput();
    expect(await runFloe(['render', '-f', platformFile], output)).toBe(0);
    const kinds = [...output.stdout().matchAll(/^kind: (\w+)$/gm)].map((match) => match[1]);
    expect(output.stdout().match(/^---$/gm)).toHaveLength(kinds.length);
    expect(kinds.length).toBeGreaterThan(50);
    expect(kinds.slice(0, 2)).toEqual(['Namespace', 'Namespace']);
    expect(output.stdout()).not.toContain('kind: Secret');
  });

  it('prints the same bytes on every run', async () => {
    const first = captureOutput();
    const second = captureOutput();
    await runFloe(['render', '-f', platformFile, '-o', '-'], first);
    await runFloe(['render', '-f', platformFile, '-o', '-'], second);
    expect(second.stdout()).toBe(first.stdout());
  });

  it('writes one file per component with -o dir, and example Jobs on request', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'floe-render-'));
    const output = captureOutput();
    expect(await runFloe(['render', '-f', platformFile, ...pipelineFiles.flatMap((file) => ['-p', file]), '-o', dir, '--example-jobs'], output)).toBe(0);
    const files = (await readdir(dir)).sort();
    expect(files.slice(0, 3)).toEqual(['00-namespaces.yaml', '05-access.yaml', '06-platform-config.yaml']);
    expect(files).toContain('10-dagster.yaml');
    expect(files).toContain('90-pipeline-orders.example.yaml');
    expect(await readFile(join(dir, '90-pipeline-orders.example.yaml'), 'utf8')).toContain('command:\n            - floe-job');
  });

  it('compiles the given pipelines into the code location ConfigMaps, and as <name>.json files with --compiled-dir', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'floe-render-'));
    const compiledDir = join(dir, 'compiled');
    const output = captureOutput();
    expect(await runFloe(['render', '-f', platformFile, ...pipelineFiles.flatMap((file) => ['-p', file]), '-o', dir, '--compiled-dir', compiledDir], output)).toBe(0);
    const dagster = await readFile(join(dir, '10-dagster.yaml'), 'utf8');
    expect(dagster).toContain('name: acme-data-pipelines');
    expect(dagster).toMatch(/^ {2}orders\.json: \|/m);
    expect(dagster).toMatch(/^ {2}nightly-marts\.json: \|/m);
    expect((await readdir(compiledDir)).sort()).toEqual(['nightly-marts.json', 'orders.json']);
    const orders = JSON.parse(await readFile(join(compiledDir, 'orders.json'), 'utf8')) as { spec: { retry: { maxAttempts: number }; schedule: { timezone: string } } };
    expect(orders.spec.retry.maxAttempts).toBe(3);
    expect(orders.spec.schedule.timezone).toBe('Europe/Berlin');
    expect(output.stderr()).toContain(`wrote 2 compiled pipelines to ${compiledDir}`);
  });

  it('renders a code location with no pipelines when none are given', async () => {
    const output = captureOutput();
    expect(await runFloe(['render', '-f', platformFile], output)).toBe(0);
    expect(output.stdout()).toContain('name: acme-data-dagster-code-location');
    expect(output.stdout()).not.toMatch(/^ {2}orders\.json:/m);
  });

  it('validates pipelines together with the platform and prints spec errors to stderr with exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'floe-render-'));
    const file = join(dir, 'pipeline.yaml');
    await writeFile(file, 'apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: p\n  owner: me\nspec:\n  platform: other-platform\n  steps:\n    - { name: a, type: dbt, command: run }\n');
    const output = captureOutput();
    expect(await runFloe(['render', '-f', platformFile, '-p', file], output)).toBe(1);
    expect(output.stdout()).toBe('');
    expect(output.stderr()).toContain(file);
  });

  it('exits 1 when the platform file is missing, and 2 without -f', async () => {
    const output = captureOutput();
    expect(await runFloe(['render', '-f', join(tmpdir(), 'does-not-exist.yaml')], output)).toBe(1);
    expect(output.stderr()).toContain('does not exist');
    expect(await runFloe(['render'], captureOutput())).toBe(2);
  });

  it('says, without a stack trace, that -o names a file or a directory it cannot create (exit 1)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'floe-render-')), 'taken');
    await writeFile(file, 'not a directory');
    for (const [target, says] of [[file, 'exists and is not a directory'], [join(file, 'below'), 'is a file, not a directory'], ['/proc/version/out', 'is a file, not a directory']] as const) {
      const output = captureOutput();
      expect(await runFloe(['render', '-f', platformFile, '-o', target], output)).toBe(1);
      expect(output.stderr()).toContain('error[FILE_ACCESS]');
      expect(output.stderr()).toContain(says);
      expect(output.stderr()).not.toMatch(/internal error|\n\s+at /);
    }
  });
});

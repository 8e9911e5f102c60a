import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../test/capture-output.js';
import { runFloe } from '../program.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const mirror = 'mirror.acme.internal:5000/upstream';

describe('floe render with image overrides', () => {
  it('pulls every image it writes through the platform\'s registry mirror: services, setup Jobs, Dagster\'s job_image, example step Jobs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'floe-render-images-'));
    const platformText = (await readFile(join(examples, 'platform.yaml'), 'utf8'))
      .replace(/^spec:\n/m, `spec:\n  images:\n    mirror:\n      prefix: ${mirror}\n`)
      .replace(/^ {2}orchestrator:\n/m, '  orchestrator:\n    codeLocation:\n      image: registry.acme.internal/data/floe-dagster:0.1.0-acme\n');
    await writeFile(join(dir, 'platform.yaml'), platformText);
    const output = captureOutput();
    const code = await runFloe(['render', '-f', join(dir, 'platform.yaml'), '-p', join(examples, 'pipelines/orders.yaml'), '-o', join(dir, 'out'), '--example-jobs'], output);
    expect(code, output.stderr()).toBe(0);
    const text = (await Promise.all((await readdir(join(dir, 'out'))).map((file) => readFile(join(dir, 'out', file), 'utf8')))).join('\n');
    const images = [...text.matchAll(/^\s*(?:image|job_image): (\S+)$/gm)].map((match) => match[1]!);
    expect(images.length).toBeGreaterThan(20);
    for (const image of images) expect(image.startsWith(`${mirror}/`), image).toBe(true);
    expect(images).toContain(`${mirror}/registry.acme.internal/data/floe-dagster:0.1.0-acme`);
    expect(images).toContain(`${mirror}/ghcr.io/floe-dev/floe-job:0.1.0`);
  });
});

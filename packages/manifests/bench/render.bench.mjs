// Render time of the full example platform plus 100 pipelines (one Job per
// step), in process; and the cold start of `floe render` as a user runs it.
// Run after a build: `pnpm --filter @floe/manifests bench`. Prints a table; `--json` prints JSON.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { renderPipelineJob, renderPlatform, toYaml } from '../dist/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const platform = parsePlatformSpec(readFileSync(`${root}examples/platform.yaml`, 'utf8'));
const orders = parsePipelineSpec(readFileSync(`${root}examples/pipelines/orders.yaml`, 'utf8'));
const pipelines = Array.from({ length: 100 }, (_, index) => ({ ...orders, metadata: { ...orders.metadata, name: `orders-${index}` } }));

function renderAll() {
  const objects = [...renderPlatform(platform).objects];
  for (const pipeline of pipelines) {
    for (const step of pipeline.spec.steps) objects.push(renderPipelineJob({ platform, pipeline, step, runId: 'bench', attempt: 1 }));
  }
  return objects;
}

function measure(run, minRuns = 5, minMs = 1000) {
  const times = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minMs) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
    if (times.length >= 200) break;
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], p95: times[Math.floor(times.length * 0.95)], runs: times.length };
}

const objectCount = renderAll().length;
const rows = [
  { case: 'platform objects', goalMs: undefined, ...measure(() => renderPlatform(platform)) },
  { case: `platform + 100 pipelines (${objectCount} objects)`, goalMs: 100, ...measure(renderAll) },
  { case: '... and toYaml', goalMs: undefined, ...measure(() => toYaml(renderAll())) },
];

const cli = `${root}apps/cli/dist/cli.js`;
const cold = measure(() => {
  const result = spawnSync(process.execPath, [cli, 'render', '-f', `${root}examples/platform.yaml`, '-o', '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`floe render failed: ${result.stderr}`);
}, 7, 0);
rows.push({ case: 'floe render cold start (spawn)', goalMs: 400, ...cold });

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const fmt = (value) => (value === undefined ? '-' : value.toFixed(2)).padStart(9);
  process.stdout.write(`${'case'.padEnd(44)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'goal ms'.padStart(9)} ${'runs'.padStart(5)}\n`);
  for (const row of rows) {
    process.stdout.write(`${row.case.padEnd(44)} ${fmt(row.median)} ${fmt(row.p95)} ${fmt(row.goalMs)} ${String(row.runs).padStart(5)}\n`);
  }
}

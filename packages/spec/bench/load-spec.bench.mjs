// Loads the full example platform and generated large pipelines, and compares
// with two peers in the same run: a bare YAML parse (the floor), and a
// YAML parse + Ajv validation against our exported JSON Schema (what a
// JSON-Schema-only tool does, without positions or cross-field rules).
// Run after a build: `pnpm --filter @floe/spec bench`. Prints a table; `--json` prints JSON.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { parseSpecDocuments, specJsonSchema } from '../dist/index.js';

const platformText = readFileSync(new URL('../../../examples/platform.yaml', import.meta.url), 'utf8');

function pipelineText(steps) {
  const lines = ['apiVersion: floe.dev/v1', 'kind: Pipeline', 'metadata:', '  name: big', '  owner: bench', 'spec:', '  platform: acme-data', '  schedule: { cron: "0 2 * * *", timezone: Europe/Berlin }', '  steps:'];
  for (let index = 0; index < steps; index++) {
    // Each step depends on up to three earlier ones: a wide, deep DAG.
    const deps = [index - 1, index - 7, index - 31].filter((dep) => dep >= 0).map((dep) => `s${dep}`);
    lines.push(`    - name: s${index}`, '      type: dbt', '      command: build', `      select: [model_${index}]`, `      dependsOn: [${deps.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
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

const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
const validatePlatform = ajv.compile(specJsonSchema('platform'));
const validatePipeline = ajv.compile(specJsonSchema('pipeline'));

const cases = [
  ['full example platform', platformText, validatePlatform],
  ['pipeline, 100 steps', pipelineText(100), validatePipeline],
  ['pipeline, 1,000 steps', pipelineText(1000), validatePipeline],
];
const rows = [];
for (const [name, text, validate] of cases) {
  parseSpecDocuments(text); // warm up and prove it is valid
  const floe = measure(() => parseSpecDocuments(text, { file: 'bench.yaml' }));
  const bare = measure(() => parse(text));
  const ajvRun = measure(() => {
    if (!validate(parse(text))) throw new Error(JSON.stringify(validate.errors));
  });
  rows.push({ case: name, bytes: text.length, floeMedianMs: floe.median, floeP95Ms: floe.p95, yamlParseMs: bare.median, yamlPlusAjvMs: ajvRun.median });
}

if (process.argv.includes('--json')) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const fmt = (value) => value.toFixed(2).padStart(9);
  process.stdout.write(`${'case'.padEnd(24)} ${'bytes'.padStart(8)} ${'floe ms'.padStart(9)} ${'floe p95'.padStart(9)} ${'yaml ms'.padStart(9)} ${'yaml+ajv'.padStart(9)}\n`);
  for (const row of rows) {
    process.stdout.write(`${row.case.padEnd(24)} ${String(row.bytes).padStart(8)} ${fmt(row.floeMedianMs)} ${fmt(row.floeP95Ms)} ${fmt(row.yamlParseMs)} ${fmt(row.yamlPlusAjvMs)}\n`);
  }
  process.stdout.write('floe = YAML with positions + zod schema + defaults + every rule (cycles, credentials, did-you-mean)\n');
}

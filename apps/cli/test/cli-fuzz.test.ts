// A fuzz-style test of the whole CLI, in process: random commands, flags and values, random files
// (binary, empty, huge, directories, unreadable, /proc) and kubeconfigs (garbage, missing plugin, bad URL,
// API servers answering 401/403/404/409/500/503). Every case must end with a status of the exit-code
// table other than 70 and print no stack trace. FLOE_FUZZ_SEED and FLOE_FUZZ_CASES change the run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodes } from '../src/exit-codes.js';
import { runFloe } from '../src/program.js';
import { captureOutput } from './capture-output.js';
import { fuzzInputs, seededRandom, type FuzzInputs } from './fuzz-inputs.js';

/** What a flag takes, so the fuzzer can give it both fitting and unfitting values. */
type Takes = 'platform' | 'pipeline' | 'file' | 'kubeconfig' | 'value' | 'none';

/** Every command but `dev up`/`dev down`/`dev load` (they start and stop processes or need a node), with its flags; `dev registry` runs against a scratch dev dir (no cluster). */
const commands: readonly { argv: readonly string[]; args: number; flags: Readonly<Record<string, Takes>>; required?: readonly string[] }[] = [
  { argv: ['validate'], args: 2, flags: { '-o': 'value' } },
  { argv: ['schema'], args: 1, flags: {} },
  { argv: ['render'], args: 0, flags: { '-f': 'platform', '-p': 'pipeline', '-o': 'file', '--example-jobs': 'none', '--compiled-dir': 'file' }, required: ['-f'] },
  { argv: ['dev', 'status'], args: 0, flags: {} },
  { argv: ['dev', 'registry'], args: 0, flags: { '-f': 'platform' }, required: ['-f'] },
  { argv: ['job', 'run'], args: 0, flags: { '-p': 'pipeline', '-f': 'platform', '--step': 'value', '--wait': 'none', '--run-id': 'value', '--attempt': 'value', '-o': 'value', '--kubeconfig': 'kubeconfig', '--context': 'value' }, required: ['-p', '--step'] },
  { argv: ['job', 'status'], args: 1, flags: { '-n': 'value', '-f': 'platform', '-o': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['job', 'logs'], args: 1, flags: { '--step': 'value', '--follow': 'none', '--kubeconfig': 'kubeconfig' } },
  { argv: ['job', 'list'], args: 0, flags: { '--limit': 'value', '--pipeline': 'value', '-o': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['job', 'cancel'], args: 1, flags: { '-n': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['pipeline', 'run'], args: 0, flags: { '-p': 'pipeline', '-f': 'platform', '--concurrency': 'value', '--run-id': 'value', '-o': 'value', '--kubeconfig': 'kubeconfig' }, required: ['-p'] },
  { argv: ['platform', 'deploy'], args: 0, flags: { '-f': 'platform', '--timeout': 'value', '--dry-run': 'value', '--atomic': 'none', '--no-wait': 'none', '-o': 'value', '--kubeconfig': 'kubeconfig' }, required: ['-f'] },
  { argv: ['platform', 'diff'], args: 0, flags: { '-f': 'platform', '-o': 'value', '--kubeconfig': 'kubeconfig' }, required: ['-f'] },
  { argv: ['platform', 'status'], args: 0, flags: { '-f': 'platform', '--name': 'value', '--namespace': 'value', '-o': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['platform', 'history'], args: 0, flags: { '-f': 'platform', '--name': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['platform', 'rollback'], args: 0, flags: { '--name': 'value', '--to': 'value', '--timeout': 'value', '--kubeconfig': 'kubeconfig' } },
  { argv: ['platform', 'destroy'], args: 0, flags: { '-f': 'platform', '--name': 'value', '--yes': 'none', '--kubeconfig': 'kubeconfig' } },
];

const documented = new Set<number>(Object.values(exitCodes));
const seed = Number(process.env['FLOE_FUZZ_SEED'] ?? 20261201);
const cases = Number(process.env['FLOE_FUZZ_CASES'] ?? 800);

let inputs: FuzzInputs;
const devDir = process.env['FLOE_DEV_DIR'];
const cwd = process.cwd();
beforeAll(async () => {
  inputs = await fuzzInputs();
  // Relative outputs (`-o abc`) land in a scratch directory, never in the checkout.
  const scratch = mkdtempSync(join(tmpdir(), 'floe-cli-fuzz-cwd-'));
  process.chdir(scratch);
  process.env['FLOE_DEV_DIR'] = join(scratch, '.floe/dev');
});
afterAll(async () => {
  process.chdir(cwd);
  await inputs.close();
  if (devDir === undefined) delete process.env['FLOE_DEV_DIR'];
  else process.env['FLOE_DEV_DIR'] = devDir;
});

/** One random command line: a command (sometimes a made-up one), random flags with fitting or unfitting values, random arguments. */
function randomArgv(random: () => number): string[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const anything = () => pick([...inputs.files, ...inputs.kubeconfigs, ...inputs.values]);
  const command = random() < 0.05 ? { argv: [pick(['deploy', 'platform', 'job', 'nope'])], args: 1, flags: {} } : pick(commands);
  const argv = [...command.argv];
  for (let index = Math.floor(random() * (command.args + 1)); index > 0; index--) argv.push(random() < 0.7 ? pick(inputs.files) : anything());
  const flags = Object.entries(command.flags);
  const value = (takes: Takes) => {
    if (takes === 'platform' && random() < 0.5) return inputs.specs[0]!;
    if (takes === 'pipeline' && random() < 0.5) return pick(inputs.specs.slice(1));
    const fitting = takes === 'kubeconfig' ? inputs.kubeconfigs : takes === 'value' ? inputs.values : inputs.files;
    return random() < 0.8 ? pick(fitting) : anything();
  };
  for (const flag of 'required' in command ? command.required ?? [] : []) {
    if (random() < 0.9) argv.push(flag, value(command.flags[flag] ?? 'value'));
  }
  for (let count = Math.floor(random() * 4); count > 0; count--) {
    if (random() < 0.08) {
      argv.push(pick(['--unknown', '-x', '--timeout', '--kubeconfig=']));
      continue;
    }
    const [flag, takes] = pick(flags.length > 0 ? flags : [['--help', 'none'] as const]);
    argv.push(flag);
    if (takes !== 'none') argv.push(value(takes));
  }
  if ('--kubeconfig' in command.flags && !argv.includes('--kubeconfig') && random() < 0.9) argv.push('--kubeconfig', pick(inputs.kubeconfigs));
  return argv;
}

describe('floe under random command lines, files and kubeconfigs', () => {
  it(`ends every case with a documented exit status and never a stack trace (seed ${seed}, ${cases} cases)`, async () => {
    const random = seededRandom(seed);
    const failures: string[] = [];
    const seen = new Set<number>();
    for (let index = 0; index < cases; index++) {
      const argv = randomArgv(random);
      const output = captureOutput();
      const code = await runFloe(argv, output);
      seen.add(code);
      const stderr = output.stderr();
      if (!documented.has(code) || code === exitCodes.internal || /internal error|\n\s+at .+:\d+:\d+/.test(stderr)) {
        failures.push(`case ${index}: floe ${argv.map((arg) => JSON.stringify(arg)).join(' ')}\n  exit ${code}\n  ${stderr.split('\n').slice(0, 6).join('\n  ')}`);
      }
    }
    expect(failures).toEqual([]);
    // The cases reached past the parser: usage errors, invalid input and cluster classes all occurred.
    for (const code of [exitCodes.usage, exitCodes.invalidInput, exitCodes.permissionDenied]) expect(seen).toContain(code);
  }, 240_000);
});

// Packs every published package the way `pnpm publish` would, installs the
// tarballs into a scratch project, and uses them as a user would: ESM import
// at run time, and type-checked imports through `exports`/`types`. Also runs
// publint on each package. Broken `exports`, `types` or `files` fail here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'floe-consumer-'));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const published = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
  .filter((dir) => {
    try {
      return !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private;
    } catch {
      return false;
    }
  });

try {
  const tarballs = {};
  for (const dir of published) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    run('pnpm', ['exec', 'publint', '--strict'], dir);
    const packed = JSON.parse(run('pnpm', ['pack', '--json', '--pack-destination', scratch], dir));
    tarballs[manifest.name] = `file:${packed.filename}`;
    process.stdout.write(`packed ${manifest.name}@${manifest.version}\n`);
  }
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({
    name: 'floe-consumer', private: true, type: 'module',
    dependencies: tarballs,
    overrides: tarballs,
    devDependencies: { typescript: '6.0.3', '@types/node': '24.19.2' },
  }, null, 2));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], scratch);

  writeFileSync(join(scratch, 'consumer.ts'), `
import { parsePlatformSpec, SpecValidationError, type Platform } from '@floe/spec';
import { readPlatformIdentity, type PlatformIdentity } from '@floe/spec/identity';
import { FloeError } from '@floe/errors';
import platformSchema from '@floe/spec/schema/platform.schema.json' with { type: 'json' };

const platform: Platform = parsePlatformSpec('apiVersion: floe.dev/v1\\nkind: Platform\\nmetadata:\\n  name: acme\\n');
const name: string = platform.metadata.name;
const error: FloeError = new SpecValidationError([]);
const identity: Promise<PlatformIdentity> = readPlatformIdentity('platform.yaml');
console.log(name, platform.spec.namespaces.jobs, error.code, typeof platformSchema, typeof identity);
`);
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', strict: true, noEmit: true, resolveJsonModule: true, types: ['node'] },
    files: ['consumer.ts'],
  }));
  run('npx', ['tsc', '-p', 'tsconfig.json'], scratch);
  writeFileSync(join(scratch, 'consumer.mjs'), `
import { parsePlatformSpec, SpecValidationError } from '@floe/spec';
const platform = parsePlatformSpec('apiVersion: floe.dev/v1\\nkind: Platform\\nmetadata:\\n  name: acme\\n');
if (platform.spec.namespaces.jobs !== 'floe-jobs') throw new Error('defaults not applied');
// The identity entry loads no schema, and shares the main entry's error class (one class for instanceof).
const identity = await import('@floe/spec/identity');
if (identity.SpecValidationError !== SpecValidationError) throw new Error('@floe/spec/identity has its own SpecValidationError');
const named = await identity.readPlatformIdentity(${JSON.stringify(join(root, 'examples/platform.yaml'))});
if (named.name !== 'acme-data' || named.namespace !== 'floe-platform') throw new Error('identity read ' + JSON.stringify(named));
console.log('import ok:', platform.metadata.name, named.name);
`);
  process.stdout.write(run('node', ['consumer.mjs'], scratch));
  const installedCli = join(scratch, 'node_modules/@floe/cli/dist/cli.js');
  const version = run('node', [installedCli, '--version'], scratch).trim();
  process.stdout.write(`floe --version from the packed CLI: ${version}\n`);
  if (version !== JSON.parse(readFileSync(join(root, 'apps/cli/package.json'), 'utf8')).version) throw new Error(`the packed CLI says it is ${version}`);
  // Every chunk of the bundle the commands load on use is in the tarball: the spec schemas, the
  // renderer, and the Kubernetes client (a kubeconfig that does not exist is reported as such).
  if (!run('node', [installedCli, 'schema', 'pipeline'], scratch).includes('"$schema"')) throw new Error('floe schema printed no JSON Schema');
  if (!run('node', [installedCli, 'render', '-f', join(root, 'examples/platform.yaml')], scratch).includes('kind: StatefulSet')) throw new Error('floe render printed no objects');
  const missingKubeconfig = spawnSync('node', [installedCli, 'platform', 'status', '--name', 'acme', '--kubeconfig', join(scratch, 'no-such-kubeconfig')], { cwd: scratch, encoding: 'utf8' });
  if (missingKubeconfig.status !== 1 || !missingKubeconfig.stderr.includes('no-such-kubeconfig')) throw new Error(`floe platform status with a missing kubeconfig: exit ${missingKubeconfig.status}, ${missingKubeconfig.stderr}`);
  // -f reads the identity through its own chunk: a bad name is reported with its line, exit 1, not as a bug.
  writeFileSync(join(scratch, 'bad-platform.yaml'), 'apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: Acme\n');
  const badIdentity = spawnSync('node', [installedCli, 'platform', 'status', '-f', 'bad-platform.yaml', '--kubeconfig', join(scratch, 'no-such-kubeconfig')], { cwd: scratch, encoding: 'utf8' });
  if (badIdentity.status !== 1 || !badIdentity.stderr.includes('bad-platform.yaml:4:9: error[invalid-name]')) throw new Error(`floe platform status -f with a bad name: exit ${badIdentity.status}, ${badIdentity.stderr}`);
  // Start-up as installed against the repo's build: printed, not asserted (apps/cli/bench/cli.bench.mjs --floe=... compares whole commands).
  const medianMs = (cli) => {
    const times = [];
    for (let index = 0; index < 5; index++) {
      const started = performance.now();
      run('node', [cli, '--version'], scratch);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[2];
  };
  const installedMs = medianMs(installedCli);
  const repoMs = medianMs(join(root, 'apps/cli/dist/cli.js'));
  process.stdout.write(`floe --version, median of 5 (ms): packed ${installedMs.toFixed(0)}, repo build ${repoMs.toFixed(0)}; /proc/loadavg ${readFileSync('/proc/loadavg', 'utf8').trim()}\n`);
  process.stdout.write('consumer check passed\n');
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

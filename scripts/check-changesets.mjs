#!/usr/bin/env node
// Fails when a published package's behaviour changed without a changeset
// that names it. `make test` runs it (scripts/test.sh).
//
// Changed: a file under the package's src/ (tests excluded), scripts/,
// schema/, or its package.json, since the base; named: a changeset added
// since the base lists the package in its front matter. (`changeset status`
// alone only fails when there is no changeset at all.)
//
// Base: $FLOE_CHANGESET_BASE; else, on a branch, where it left main; on main
// itself, the first parent of a merge commit (the merged branch as a whole);
// otherwise nothing is checked, and it says so.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
const tryGit = (...args) => {
  try {
    return git(...args);
  } catch {
    return '';
  }
};
const log = (text) => process.stderr.write(`[check-changesets] ${text}\n`);

function findBase() {
  if (process.env.FLOE_CHANGESET_BASE) return git('rev-parse', process.env.FLOE_CHANGESET_BASE);
  const head = git('rev-parse', 'HEAD');
  const main = tryGit('rev-parse', '-q', '--verify', 'main');
  if (main && main !== head) return git('merge-base', 'HEAD', 'main');
  if (tryGit('rev-parse', '-q', '--verify', 'HEAD^2')) return git('rev-parse', 'HEAD^1');
  return undefined;
}

/** The files that make a package's behaviour, relative to its directory. */
function isBehaviour(file) {
  if (file === 'package.json') return true;
  if (file.startsWith('src/')) return !file.endsWith('.test.ts') && !file.includes('/__snapshots__/');
  return file.startsWith('scripts/') || file.startsWith('schema/');
}

function publishedPackages() {
  return ['apps', 'packages'].flatMap((group) => readdirSync(join(root, group)).map((name) => join(group, name)))
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => !manifest.private)
    .map(({ dir, manifest }) => ({ dir, name: manifest.name }));
}

/** Package names in a changeset's front matter (`"@floe/cli": patch`). */
function namedIn(file) {
  const text = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : '';
  const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
  return [...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:/gm)].map((match) => match[1]);
}

const base = findBase();
if (!base || base === git('rev-parse', 'HEAD')) {
  log('no base to compare with (set FLOE_CHANGESET_BASE=<rev>): nothing checked');
  process.exit(0);
}
// Committed and uncommitted changes alike: a developer runs this before committing too.
const changed = [...new Set([...git('diff', '--name-only', base).split('\n'), ...tryGit('ls-files', '--others', '--exclude-standard').split('\n')].filter(Boolean))];
const added = [...new Set([...git('diff', '--name-only', '--diff-filter=A', base, '--', '.changeset').split('\n'), ...tryGit('ls-files', '--others', '--exclude-standard', '--', '.changeset').split('\n')])]
  .filter((file) => file.endsWith('.md') && !file.endsWith('README.md'));
const named = new Set(added.flatMap(namedIn));
const missing = publishedPackages().filter((pkg) => !named.has(pkg.name) && changed.some((file) => {
  const inPackage = relative(pkg.dir, file);
  return !inPackage.startsWith('..') && isBehaviour(inPackage);
}));
if (missing.length > 0) {
  log(`changed since ${base.slice(0, 7)} without a changeset that names them: ${missing.map((pkg) => pkg.name).join(', ')}`);
  log('add one with `pnpm changeset` (pick the packages, describe the change for users), or name them in an added one');
  process.exit(1);
}
log(`every package changed since ${base.slice(0, 7)} is named by a changeset (${added.length} added)`);

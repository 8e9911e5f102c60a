import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { containerEngine } from './example-pod.js';

const engine = containerEngine();
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * A fresh clone with the working tree's uncommitted changes applied: what
 * CI checks out for the commit under test, without node_modules, dist,
 * .tools or any cache of this checkout.
 */
function cleanClone(): string {
  const clone = join(mkdtempSync(join(tmpdir(), 'floe-image-clone-')), 'floe');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', repoRoot, clone]);
  const diff = execFileSync('git', ['diff', 'HEAD', '--binary'], { cwd: repoRoot });
  if (diff.length > 0) execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: clone, input: diff });
  const untracked = execFileSync('git', ['ls-files', '-z', '--others', '--exclude-standard'], { cwd: repoRoot, encoding: 'utf8' });
  for (const file of untracked.split('\0').filter(Boolean)) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    cpSync(join(repoRoot, file), join(clone, file));
  }
  return clone;
}

describe('scripts/build-image.sh in a clean clone', () => {
  // With the same inputs as the tested image (CI, or no edits since), the
  // engine's layer cache makes this the very same image within seconds.
  it('builds an image that runs floe-job', () => {
    const clone = cleanClone();
    onTestFinished(() => rmSync(dirname(clone), { recursive: true, force: true }));
    const output = execFileSync(join(clone, 'scripts/build-image.sh'), {
      cwd: clone,
      env: { ...process.env, CONTAINER_ENGINE: engine, FLOE_IMAGE: 'localhost/floe-job:clean-clone' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(output.trim().split('\n').at(-1)).toBe('localhost/floe-job:clean-clone');
    // The image is cached by its inputs, not by commit: the revision label names the commit that built
    // these inputs first, which must be this clone's HEAD or one of its ancestors.
    const labels = execFileSync(engine, ['image', 'inspect', '--format', '{{json .Config.Labels}}', 'localhost/floe-job:clean-clone'], { encoding: 'utf8' });
    const revision = (JSON.parse(labels) as Record<string, string>)['org.opencontainers.image.revision'] ?? '';
    expect(revision).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    expect(() => execFileSync('git', ['merge-base', '--is-ancestor', revision.replace(/-dirty$/, ''), 'HEAD'], { cwd: clone, stdio: 'pipe' })).not.toThrow();
    // No env at all: floe-job starts, finds no FLOE_STEP and exits with EX_CONFIG.
    const run = () => execFileSync(engine, ['run', '--rm', '--network', 'none', '--read-only', 'localhost/floe-job:clean-clone'], { stdio: 'pipe' });
    expect(run).toThrow(expect.objectContaining({ status: 78 }));
  }, 300_000);
});

import { execFileSync, spawnSync } from 'node:child_process';
import { globSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const version = (JSON.parse(readFileSync(join(repoRoot, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;

// Not a cluster test: it needs the built CLI, which the integration run (after the build) has.
describe('bin/floe, the floe command of a checkout', () => {
  it('runs the built CLI when put on PATH, also from a directory whose path has spaces', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'floe-bin-')), 'my tools');
    mkdirSync(dir);
    symlinkSync(join(repoRoot, 'bin/floe'), join(dir, 'floe'));
    const output = execFileSync('floe', ['--version'], { env: { ...process.env, PATH: `${dir}:${process.env['PATH'] ?? ''}` }, encoding: 'utf8' });
    expect(output.trim()).toBe(version);
  });

  it('passes arguments through and keeps the exit status', () => {
    const result = spawnSync(join(repoRoot, 'bin/floe'), ['validate', join(repoRoot, 'examples/platform.yaml'), '/no/such/spec.yaml'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('/no/such/spec.yaml');
  });

  it("validates the examples exactly as `make demo` does (every `floe validate` line of scripts/demo.sh)", () => {
    const lines = readFileSync(join(repoRoot, 'scripts/demo.sh'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line.startsWith('floe validate '));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const files = line.split(/\s+/).slice(2).flatMap((pattern) => globSync(pattern, { cwd: repoRoot }).sort());
      expect(files.length, line).toBeGreaterThan(0);
      const result = spawnSync(join(repoRoot, 'bin/floe'), ['validate', ...files], { cwd: repoRoot, encoding: 'utf8' });
      expect(result.stderr + result.stdout, line).not.toContain('error');
      expect(result.status, line).toBe(0);
    }
  });
});

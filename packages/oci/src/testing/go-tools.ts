import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the first directory above `from` holding images/go/build.sh. */
function repositoryRoot(from: string): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'images', 'go', 'build.sh'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no images/go/build.sh above ${from}: run the OCI tests from the floe repository`);
  }
}

/**
 * The directory holding `registry` (CNCF Distribution) and `oras`, built
 * from the Go module proxy by images/go/build.sh (cached per family; a warm
 * call takes well under a second).
 */
export function buildGoTools(from: string = dirname(fileURLToPath(import.meta.url))): Promise<string> {
  const script = join(repositoryRoot(from), 'images', 'go', 'build.sh');
  return new Promise((done, fail) => {
    execFile('bash', [script, 'registry', 'oras'], { maxBuffer: 16 * 1024 * 1024, timeout: 30 * 60_000 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`images/go/build.sh registry oras failed: ${stderr.trim().split('\n').slice(-5).join('\n')}`, { cause: error }));
      else done(stdout.trim().split('\n').at(-1)!);
    });
  });
}

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Builds each named stand-in (folders of images/stand-ins/) with
 * scripts/build-stand-in-image.sh and podman, once per test run (a warm run
 * only stages and hashes the context); returns folder name -> image name.
 */
export function buildStandIns<Name extends string>(names: readonly Name[], label: string): Record<Name, string> {
  const images = {} as Record<Name, string>;
  for (const name of names) {
    const started = Date.now();
    const output = execFileSync(`${repoRoot}scripts/build-stand-in-image.sh`, [name], {
      cwd: repoRoot,
      env: { ...process.env, CONTAINER_ENGINE: 'podman' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    images[name] = output.trim().split('\n').at(-1)!;
    process.stderr.write(`[${label}] ${images[name]} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  return images;
}

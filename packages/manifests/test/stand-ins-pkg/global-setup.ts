import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** The stand-ins this suite builds and runs (folders of images/stand-ins/). */
const standIns = ['postgres', 'dagster', 'iceberg-rest'] as const;
export type StandInName = (typeof standIns)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The stand-in images this suite runs with podman: folder name -> image name. */
    standInImages: Record<StandInName, string>;
  }
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Builds each stand-in with scripts/build-stand-in-image.sh (a warm run only
 * stages and hashes the context), once per run. Podman, always: the tests
 * join containers into one network namespace (`--network container:`), as
 * peers reached through Services would be.
 */
export default function setup(project: TestProject): void {
  const images = {} as Record<StandInName, string>;
  for (const name of standIns) {
    const started = Date.now();
    const output = execFileSync(`${repoRoot}scripts/build-stand-in-image.sh`, [name], {
      cwd: repoRoot,
      env: { ...process.env, CONTAINER_ENGINE: 'podman' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    images[name] = output.trim().split('\n').at(-1)!;
    process.stderr.write(`[stand-ins-pkg] ${images[name]} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  project.provide('standInImages', images);
}

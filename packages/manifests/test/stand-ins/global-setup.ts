import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

/** The stand-ins this suite builds and runs (folders of images/stand-ins/). */
const standIns = ['registry', 'minio', 'minio-client', 'prometheus', 'otel-collector', 'metrics-server'] as const;
export type GoStandInName = (typeof standIns)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Go-built stand-in images this suite runs with podman: folder name -> image name. */
    goStandInImages: Record<GoStandInName, string>;
  }
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Builds each stand-in with scripts/build-stand-in-image.sh, once per run (a
 * warm run links the cached Go binaries, stages and hashes the context).
 * Podman, always: the tests enter the containers' network namespaces.
 * `FLOE_GO_STAND_INS` (comma-separated folder names) limits the builds.
 */
export default function setup(project: TestProject): void {
  const images = {} as Record<GoStandInName, string>;
  // FLOE_GO_STAND_INS=registry,minio builds only those (for running one test file while iterating).
  const only = process.env['FLOE_GO_STAND_INS']?.split(',').filter(Boolean);
  for (const name of standIns.filter((candidate) => !only || only.includes(candidate))) {
    const started = Date.now();
    const output = execFileSync(`${repoRoot}scripts/build-stand-in-image.sh`, [name], {
      cwd: repoRoot,
      env: { ...process.env, CONTAINER_ENGINE: 'podman' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    images[name] = output.trim().split('\n').at(-1)!;
    process.stderr.write(`[stand-ins-go] ${images[name]} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  project.provide('goStandInImages', images);
}

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** docker or podman: what scripts/build-image.sh built with. */
    containerEngine: 'podman' | 'docker';
    /** The runtime image scripts/build-image.sh built (or found up to date). */
    floeJobImage: string;
    /** The runtime image extended with the example dbt project and data (images/example). */
    exampleImage: string;
    /** The local stand-ins of the platform's object storage and catalog (images/stand-ins). */
    minioImage: string;
    icebergRestImage: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

function detectEngine(): 'podman' | 'docker' {
  const forced = process.env['CONTAINER_ENGINE'];
  if (forced === 'docker' || forced === 'podman') return forced;
  try {
    execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore' });
    return 'docker';
  } catch {
    return 'podman';
  }
}

/** Builds (or finds up to date) one stand-in of images/stand-ins; returns its name. */
function standInImage(name: string): string {
  const output = execFileSync(`${repoRoot}scripts/build-stand-in-image.sh`, [name], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return output.trim().split('\n').at(-1)!;
}

/**
 * Builds the runtime image the way `make image` does (cached by its inputs
 * hash, so a warm run only stages and hashes the context), then the example
 * image FROM it, and the stand-ins of MinIO and the Iceberg REST catalog,
 * once per test run.
 */
export default function setup(project: TestProject): void {
  const engine = detectEngine();
  const output = execFileSync(`${repoRoot}scripts/build-image.sh`, {
    cwd: repoRoot,
    env: { ...process.env, CONTAINER_ENGINE: engine },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const image = output.trim().split('\n').at(-1)!;
  const exampleImage = 'localhost/floe-job-example:test';
  execFileSync(engine, [
    'build', '--quiet', '--file', `${repoRoot}images/example/Containerfile`,
    '--build-arg', `FLOE_JOB_IMAGE=${image}`, '--tag', exampleImage, `${repoRoot}examples`,
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  project.provide('containerEngine', engine);
  project.provide('floeJobImage', image);
  project.provide('exampleImage', exampleImage);
  project.provide('minioImage', standInImage('minio'));
  project.provide('icebergRestImage', standInImage('iceberg-rest'));
}

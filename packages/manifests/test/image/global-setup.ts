import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** docker or podman: what scripts/build-image.sh built with. */
    containerEngine: 'podman' | 'docker';
    /** The floe-dagster image scripts/build-image.sh built (or found up to date). */
    floeDagsterImage: string;
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

/** Builds floe-dagster the way `make image` does (a warm run only stages and hashes the context), once per run. */
export default function setup(project: TestProject): void {
  const engine = detectEngine();
  const output = execFileSync(`${repoRoot}scripts/build-image.sh`, ['floe-dagster'], {
    cwd: repoRoot,
    env: { ...process.env, CONTAINER_ENGINE: engine },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  project.provide('containerEngine', engine);
  project.provide('floeDagsterImage', output.trim().split('\n').at(-1)!);
}

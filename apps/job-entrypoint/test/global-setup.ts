import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bin dir of the pinned venv (python, dbt): FLOE_PYTHON_BIN_DIR of the spawned floe-job. */
    pythonBinDir: string;
  }
}

const setupScript = fileURLToPath(new URL('../../../scripts/setup-python.sh', import.meta.url));
const builtCli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Builds (or reuses, keyed by the pins' hash) the Python venv once per test run. */
export default function setup(project: TestProject): void {
  if (!existsSync(builtCli)) throw new Error(`${builtCli} is missing: run the build first (turbo runs it before test)`);
  const output = execFileSync(setupScript, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const venv = output.trim().split('\n').at(-1)!;
  project.provide('pythonBinDir', `${venv}/bin`);
}

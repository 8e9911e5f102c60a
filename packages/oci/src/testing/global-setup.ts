import type { TestProject } from 'vitest/node';
import { buildGoTools } from './go-tools.js';

import type {} from './provided-context.js';

/**
 * vitest globalSetup of the OCI tests: builds (or finds cached) the
 * `registry` and `oras` binaries once per run and provides their directory
 * as `inject('floeGoBin')`. Each test starts its own registry process on a
 * free loopback port with `startTestRegistry`.
 */
export default async function setup(project: TestProject): Promise<void> {
  const started = Date.now();
  const dir = await buildGoTools();
  process.stderr.write(`[floe] registry and oras in ${dir} (${Date.now() - started} ms)\n`);
  project.provide('floeGoBin', dir);
}

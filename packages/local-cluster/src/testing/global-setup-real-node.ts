import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCluster } from '../start-local-cluster.js';
import { writeToolboxImage } from './toolbox-image.js';

import type {} from './provided-context.js';

/**
 * vitest globalSetup of the real-node tests: one local cluster with the real
 * node (and one tainted kwok node beside it) per run, the toolbox image and
 * (when `FLOE_JOB_IMAGE` names one) the floe-job image loaded into it. Provides
 * `floeKubeconfig`, `floeNodeKind: 'real'`, `floeToolboxImage`, `floeJobImage`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cluster = await startLocalCluster({ name: 'floe-real', realNode: true, fakeNodes: 1 });
  const scratch = mkdtempSync(join(tmpdir(), 'floe-toolbox-'));
  try {
    const toolbox = writeToolboxImage(scratch);
    const jobImage = process.env['FLOE_JOB_IMAGE'] ?? '';
    cluster.loadImages([toolbox.archive, ...(jobImage ? [jobImage] : [])]);
    project.provide('floeToolboxImage', toolbox.name);
    project.provide('floeJobImage', jobImage);
  } catch (error) {
    await cluster.stop();
    throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stderr.write(`[floe] local cluster with real node ${cluster.realNode?.name ?? '?'} at ${cluster.server} ready in ${Date.now() - started} ms\n`);
  project.provide('floeKubeconfig', cluster.kubeconfigPath);
  project.provide('floeClusterLogsFile', '');
  project.provide('floeNodeKind', 'real');
  project.provide('floeClusterDir', cluster.dir);
  const stop = () => cluster.stop();
  process.once('SIGINT', () => void stop());
  return stop;
}

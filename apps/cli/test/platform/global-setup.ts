import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadImagesIn, startLocalCluster } from '@floe/local-cluster';
import { writeToolboxImage } from '@floe/local-cluster/testing';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localOrdersFile, localPlatformFile } from './local-platform.js';

import type {} from './provided-context.js';

/**
 * vitest globalSetup of the platform suite: a local cluster with the real
 * node, every image of the local platform loaded into it (FLOE_PLATFORM_IMAGES:
 * the stand-ins and floe's own images, as scripts/build-platform-images.sh
 * prints them; metrics-server among them is installed) plus the toolbox, then `floe platform deploy` of
 * examples/local/platform.yaml — the deploy whose outcome the suite checks.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A running real-node cluster's dir (`floe dev up`: .floe/dev, images loaded with `floe dev load`) instead of a new cluster: for working on the suite.
  const reuse = process.env['FLOE_PLATFORM_REUSE_CLUSTER_DIR'];
  if (reuse) {
    const scratch = mkdtempSync(join(tmpdir(), 'floe-platform-'));
    try {
      const toolbox = writeToolboxImage(scratch);
      loadImagesIn(reuse, [toolbox.archive]);
      project.provide('floeToolboxImage', toolbox.name);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    project.provide('floeJobImage', '');
    return deployOnto(project, { kubeconfigPath: join(reuse, 'kubeconfig'), dir: reuse, stop: () => Promise.resolve() });
  }
  const images = (process.env['FLOE_PLATFORM_IMAGES'] ?? '').split(/\s+/).filter((image) => image !== '');
  if (images.length === 0) throw new Error('FLOE_PLATFORM_IMAGES is empty: run the suite as scripts/test.sh does (FLOE_PLATFORM_IMAGES="$(scripts/build-platform-images.sh)")');
  const started = Date.now();
  const scratch = mkdtempSync(join(tmpdir(), 'floe-platform-'));
  let cluster: Awaited<ReturnType<typeof startLocalCluster>>;
  try {
    const toolbox = writeToolboxImage(scratch);
    // Loaded while the cluster starts: metrics-server among them is installed, for the autoscaling tests.
    cluster = await startLocalCluster({ name: 'floe-platform', realNode: true, images: [toolbox.archive, ...images] });
    project.provide('floeToolboxImage', toolbox.name);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  process.stderr.write(`[floe] real node ${cluster.realNode?.name ?? '?'} ready with ${images.length} images in ${Date.now() - started} ms\n`);
  project.provide('floeJobImage', images.find((image) => image.includes('/floe-job:')) ?? '');
  return deployOnto(project, { kubeconfigPath: cluster.kubeconfigPath, dir: cluster.dir, stop: () => cluster.stop() });
}

/** Deploys the local platform onto the cluster and provides what the tests read. */
async function deployOnto(project: TestProject, cluster: { kubeconfigPath: string; dir: string; stop: () => Promise<void> }): Promise<() => Promise<void>> {

  const deployStarted = Date.now();
  const output = captureOutput();
  const exitCode = await runFloe(['platform', 'deploy', '-f', localPlatformFile, '-p', localOrdersFile, '--kubeconfig', cluster.kubeconfigPath, '--timeout', '900'], output);
  const seconds = (Date.now() - deployStarted) / 1000;
  process.stderr.write(`[floe] floe platform deploy exited ${exitCode} after ${seconds.toFixed(1)} s\n`);
  project.provide('floePlatformDeploy', { exitCode, stdout: output.stdout(), stderr: output.stderr(), seconds });
  project.provide('floeKubeconfig', cluster.kubeconfigPath);
  project.provide('floeClusterLogsFile', '');
  project.provide('floeNodeKind', 'real');
  project.provide('floeClusterDir', cluster.dir);
  const stop = () => cluster.stop();
  process.once('SIGINT', () => void stop());
  return stop;
}

import type { TestProject } from 'vitest/node';
import { startLocalCluster } from '../start-local-cluster.js';

import type {} from './provided-context.js';

/**
 * vitest globalSetup shared by every integration test: one local cluster with
 * kwok fake nodes only (API behaviour, scale and injected failures; no
 * container starts — real-node tests use global-setup-real-node) per test run, its kubeconfig provided as `inject('floeKubeconfig')`, stopped
 * when the run ends (also on failure or Ctrl-C, through vitest's teardown).
 * `FLOE_TEST_KUBECONFIG` runs the tests against another cluster instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env['FLOE_TEST_KUBECONFIG'];
  if (external) {
    project.provide('floeKubeconfig', external);
    project.provide('floeClusterLogsFile', '');
    project.provide('floeNodeKind', 'external');
    return () => Promise.resolve();
  }
  const started = Date.now();
  const cluster = await startLocalCluster({ name: 'floe-test', realNode: false, fakeNodes: 2 });
  process.stderr.write(`[floe] local cluster ${cluster.server} ready in ${Date.now() - started} ms\n`);
  project.provide('floeKubeconfig', cluster.kubeconfigPath);
  project.provide('floeClusterLogsFile', cluster.logsFile);
  project.provide('floeNodeKind', 'kwok');
  const stop = () => cluster.stop();
  process.once('SIGINT', () => void stop());
  return stop;
}

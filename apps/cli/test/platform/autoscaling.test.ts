import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KubeObject } from '@floe/kube';
import { createTestNamespace, type TestNamespace } from '@floe/local-cluster/testing';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localOrdersFile, localPlatform, localPlatformFile } from './local-platform.js';
import { ncHttpGet, startClientPod } from './client-pod.js';

import type {} from './provided-context.js';

// Real node: metrics-server (installed by the local cluster with its image) scrapes the kubelet's
// /metrics/resource, the HPA controller reads metrics.k8s.io through the aggregation layer, and the load
// pod's requests burn real CPU in the Dagster webserver's pods.
const platform = localPlatform();
const namespace = platform.spec.namespaces.platform;
const webserver = `${platform.metadata.name}-dagster-webserver`;
const kubeconfig = inject('floeKubeconfig');
const original = readFileSync(localPlatformFile, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'floe-autoscaling-'));
// A 15 s scale-down window instead of Kubernetes' 300 s, so scale-in shows within a test's time.
const autoscaled = original.replace('    webserver:\n      replicas: 1\n', '    webserver:\n      autoscaling: { minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50, scaleDownStabilizationSeconds: 15 }\n');
let outside: TestNamespace;
let restoredByTest = false;

/** Deploys a variant of the local platform's text; returns the CLI's exit code and output. */
async function deploy(text: string, name: string, extra: readonly string[] = []): Promise<{ code: number; output: string }> {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, text);
  const output = captureOutput();
  const code = await runFloe(['platform', 'deploy', '-f', file, '-p', localOrdersFile, '--kubeconfig', kubeconfig, '--timeout', '600', ...extra], output);
  return { code, output: output.stdout() + output.stderr() };
}

async function until<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    value = await read();
  }
  return value;
}

interface HpaView { spec: { minReplicas: number; maxReplicas: number; behavior?: unknown }; status?: { currentReplicas?: number; desiredReplicas?: number; currentMetrics?: { resource?: { current?: { averageUtilization?: number } } }[] } }
interface DeploymentView { spec: { replicas?: number }; status?: { readyReplicas?: number } }
const hpa = async () => (await outside.resources.get<KubeObject & HpaView>({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name: webserver }))!;
const deployment = async () => (await outside.resources.get<KubeObject & DeploymentView>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: webserver }))!;
const utilization = (view: HpaView) => view.status?.currentMetrics?.[0]?.resource?.current?.averageUtilization;

/** CPU quantity (`12345n`, `3m`, `1`) in millicores. */
const millicores = (quantity: string) => quantity.endsWith('n') ? Number(quantity.slice(0, -1)) / 1e6 : quantity.endsWith('u') ? Number(quantity.slice(0, -1)) / 1e3 : quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;

beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  outside = await createTestNamespace(kubeconfig, { prefix: 'load' });
  expect(autoscaled).not.toBe(original);
  const result = await deploy(autoscaled, 'autoscaled');
  expect(result.code, result.output).toBe(0);
});
afterAll(async () => {
  // The suite's platform back for the files after this one, also when a test above failed before the restore test.
  if (!restoredByTest) await deploy(original, 'restore', ['--force-conflicts']);
  await outside.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

describe('autoscaling on the real node', () => {
  it('serves the resource metrics API (what kubectl top reads): the node and the webserver pod have CPU and memory usage', async () => {
    const nodes = await until('node metrics', async () => (await outside.resources.list('metrics.k8s.io/v1beta1', 'NodeMetrics')).items, (items) => items.length > 0, 120_000);
    const usage = (nodes[0] as KubeObject & { usage: { cpu: string; memory: string } }).usage;
    expect(millicores(usage.cpu)).toBeGreaterThan(0);
    expect(usage.memory).toMatch(/^\d+(Ki|Mi|Gi)?$/);
    type PodMetrics = KubeObject & { containers: { name: string; usage: { cpu: string; memory: string } }[] };
    const pods = await until('webserver pod metrics', async () => (await outside.resources.list('metrics.k8s.io/v1beta1', 'PodMetrics', { namespace })).items as PodMetrics[],
      (items) => items.some((item) => item.metadata.name.startsWith(`${webserver}-`)), 120_000);
    const pod = pods.find((item) => item.metadata.name.startsWith(`${webserver}-`))!;
    expect(pod.containers.length).toBeGreaterThan(0);
    expect(pod.containers.every((container) => container.usage.cpu !== '' && container.usage.memory !== '')).toBe(true);
  });

  it('renders the HPA as the spec asks (min 1, max 3, a 15 s scale-down window) and starts at one ready pod', async () => {
    const view = await hpa();
    expect(view.spec).toMatchObject({ minReplicas: 1, maxReplicas: 3, behavior: { scaleDown: { stabilizationWindowSeconds: 15 } } });
    // The HPA reads a utilisation once metrics-server has the pod: below the target while idle.
    const idle = await until('the HPA reading CPU utilisation', hpa, (value) => utilization(value) !== undefined, 120_000);
    expect(utilization(idle)).toBeLessThan(50);
    expect((await deployment()).spec.replicas).toBe(1);
  });

  it('scales the webserver out under CPU load, the new pods Ready by their probes', async () => {
    const host = `${webserver}.${namespace}.svc`;
    // Six clients without pause.
    await startClientPod(outside, { name: 'load', image: inject('floeToolboxImage'), script: `for i in 1 2 3 4 5 6; do (while true; do ${ncHttpGet(host, 3000, '/server_info')} >/dev/null 2>&1; done) & done; wait` });
    const scaled = await until('the HPA to scale out', hpa, (value) => (value.status?.desiredReplicas ?? 0) >= 2, 180_000);
    expect(utilization(scaled)).toBeGreaterThan(50);
    const ready = await until('a second ready webserver pod', deployment, (value) => (value.status?.readyReplicas ?? 0) >= 2, 240_000);
    expect(ready.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(ready.spec.replicas).toBeLessThanOrEqual(3);
  });

  it('scales back in to one pod once the load stops (after the 15 s window, not 300 s)', async () => {
    await outside.resources.delete({ apiVersion: 'v1', kind: 'Pod', namespace: outside.name, name: 'load' }, { gracePeriodSeconds: 0 });
    // Metrics lag (15 s resolution) + the 15 s window + HPA syncs (15 s): well under the default 300 s window, which would time this out.
    await until('the HPA to scale in', deployment, (value) => value.spec.replicas === 1, 200_000);
    const settled = await until('one ready webserver pod', deployment, (value) => value.status?.readyReplicas === 1, 120_000);
    expect(settled.spec.replicas).toBe(1);
    expect((await hpa()).status?.desiredReplicas).toBe(1);
  });

  it('switching autoscaling off again hands the replicas the HPA controller owned back to floe: the deploy needs no --force-conflicts', async () => {
    const restored = await deploy(original, 'restore');
    expect(restored.code, restored.output).toBe(0);
    restoredByTest = true;
    expect(await outside.resources.get({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace, name: webserver })).toBeUndefined();
    expect((await deployment()).spec.replicas).toBe(1);
  });
});

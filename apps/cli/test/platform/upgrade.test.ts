import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, podLog, type TestNamespace } from '@floe/local-cluster/testing';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localOrdersFile, localPlatform, localPlatformFile } from './local-platform.js';
import { ncHttpGet, startClientPod } from './client-pod.js';

import type {} from './provided-context.js';

// Real node: pods really restart (or not) under the kubelet of floe-node, and the poller's requests go
// through kube-proxy's Service rules to whichever webserver pods are ready.
const platform = localPlatform();
const instance = platform.metadata.name;
const kubeconfig = inject('floeKubeconfig');
const original = readFileSync(localPlatformFile, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'floe-upgrade-'));
let outside: TestNamespace;
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  outside = await createTestNamespace(kubeconfig, { prefix: 'poller' });
});
afterAll(async () => {
  await deploy(original, 'restore');
  await outside.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** Deploys a variant of the local platform's text; returns the CLI's exit code and output. */
async function deploy(text: string, name: string): Promise<{ code: number; output: string }> {
  const file = join(scratch, `${name}.yaml`);
  writeFileSync(file, text);
  const output = captureOutput();
  const code = await runFloe(['platform', 'deploy', '-f', file, '-p', localOrdersFile, '--kubeconfig', kubeconfig, '--timeout', '600'], output);
  return { code, output: output.stdout() + output.stderr() };
}

interface PodView { metadata: { name: string; uid: string; labels?: Record<string, string> }; status?: { phase?: string; containerStatuses?: { restartCount: number }[] } }
async function pods(): Promise<Map<string, { component: string; restarts: number }>> {
  const list = await outside.resources.list('v1', 'Pod', { namespace: platform.spec.namespaces.platform });
  const running = (list.items as unknown as PodView[]).filter((pod) => pod.status?.phase === 'Running' && !pod.metadata.labels?.['floe.dev/probe']);
  return new Map(running.map((pod) => [pod.metadata.uid, {
    component: `${pod.metadata.labels?.['app.kubernetes.io/name'] ?? ''}/${pod.metadata.labels?.['app.kubernetes.io/component'] ?? ''}`,
    restarts: (pod.status?.containerStatuses ?? []).reduce((sum, container) => sum + container.restartCount, 0),
  }]));
}

describe('upgrades in place on the real node', () => {
  it('a collector config change and more webserver replicas roll only those; no other pod restarts', async () => {
    const before = await pods();
    const changed = original
      .replace('      exporters:\n        - type: debug\n', '      exporters:\n        - type: debug\n          verbosity: normal\n')
      .replace('    webserver:\n      replicas: 1\n', '    webserver:\n      replicas: 2\n');
    expect(changed).not.toBe(original);
    const result = await deploy(changed, 'rolled');
    expect(result.code, result.output).toBe(0);
    const after = await pods();
    const replaced = [...before].filter(([uid]) => !after.has(uid)).map(([, pod]) => pod.component);
    const added = [...after].filter(([uid]) => !before.has(uid)).map(([, pod]) => pod.component).sort();
    expect(replaced).toEqual(['otel-collector/collector']);
    expect(added).toEqual(['dagster/webserver', 'otel-collector/collector']);
    const restarted = [...after].filter(([uid, pod]) => before.has(uid) && pod.restarts !== before.get(uid)!.restarts).map(([, pod]) => pod.component);
    expect(restarted).toEqual([]);
  });

  // @floe/apply keeps the old colour for spec.upgrades.blueGreen.scaleDownDelaySeconds (30 s) after the
  // Service's EndpointSlices list only the new colour, so kube-proxy has synced before any old pod stops.
  it('a blue-green switch of the webserver never leaves its Service without a ready endpoint while a client polls it', async () => {
    const host = `${instance}-dagster-webserver.${platform.spec.namespaces.platform}.svc`;
    // OK on a 200 status line, FAIL otherwise.
    await startClientPod(outside, { name: 'poller', image: inject('floeToolboxImage'), script: `while true; do if ${ncHttpGet(host, 3000, '/server_info')} 2>/dev/null | head -1 | grep -q ' 200 '; then echo OK; else echo FAIL; fi; sleep 0.3; done` });
    const log = () => podLog(outside, 'poller');
    // Polling succeeds before the switch starts (and the poller's own policy chain is in place).
    const lastFive = async () => (await log()).trim().split('\n').slice(-5);
    for (let i = 0; i < 60 && (await lastFive()).join() !== 'OK,OK,OK,OK,OK'; i++) await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await lastFive()).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    const from = (await log()).trim().split('\n').length;
    const blueGreen = original
      .replace('  networkPolicies:\n', '  upgrades:\n    strategy: blue-green\n  networkPolicies:\n')
      .replace('      replicas: 1\n      resources:\n        requests: { cpu: 50m, memory: 256Mi }\n        limits: { cpu: "1", memory: 1Gi }\n', '      replicas: 1\n      resources:\n        requests: { cpu: 60m, memory: 256Mi }\n        limits: { cpu: "1", memory: 1Gi }\n');
    expect(blueGreen).toContain('requests: { cpu: 60m');
    const first = await deploy(blueGreen.replace('cpu: 60m', 'cpu: 55m'), 'blue-green-1');
    expect(first.code, first.output).toBe(0);
    const second = await deploy(blueGreen, 'blue-green-2');
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/switch|colou?r|green|blue/i);
    const during = (await log()).trim().split('\n').slice(from);
    expect(during.length).toBeGreaterThan(10);
    expect(during.filter((line) => line !== 'OK')).toEqual([]);
  });
});

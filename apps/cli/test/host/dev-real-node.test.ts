import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '@floe/local-cluster';
import { createTestNamespace, restrictedContainer, snapshotHost, waitForPod, writeToolboxImage } from '@floe/local-cluster/testing';
import { captureOutput } from '../capture-output.js';
import { runFloe } from '../../src/program.js';

// Real node, started and stopped by `floe dev` itself (one real node per machine: this suite runs alone).
const dir = mkdtempSync(join(tmpdir(), 'floe-dev-real-'));
process.env['FLOE_DEV_DIR'] = join(dir, 'dev');
afterAll(async () => {
  await runFloe(['dev', 'down'], captureOutput());
  rmSync(dir, { recursive: true, force: true });
});

describe('floe dev with the real node', () => {
  it('up starts a real node, load puts an image into it that a pod then runs, down leaves the host as it found it', async () => {
    const before = snapshotHost();
    const up = captureOutput();
    expect(await runFloe(['dev', 'up'], up)).toBe(0);
    expect(up.stdout()).toMatch(/local cluster ready at https:\/\/10\.250\.0\.1:\d+ in [\d.]+ s \(real node floe-node\)/);

    const toolbox = writeToolboxImage(dir);
    const load = captureOutput();
    expect(await runFloe(['dev', 'load', toolbox.archive], load)).toBe(0);
    expect(load.stdout()).toContain(`loaded ${toolbox.archive} as ${toolbox.name}`);

    const ns = await createTestNamespace(join(dir, 'dev', 'kubeconfig'), { prefix: 'dev', podSecurity: 'restricted' });
    await ns.resources.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hello', namespace: ns.name },
      spec: { restartPolicy: 'Never', automountServiceAccountToken: false, containers: [{ name: 'main', image: toolbox.name, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', 'echo hello'], securityContext: restrictedContainer }] },
    });
    const pod = await waitForPod(ns, 'hello');
    expect(pod.status?.phase).toBe('Succeeded');
    expect(pod.spec?.nodeName).toBe('floe-node');
    ns.client.close();

    const status = captureOutput();
    expect(await runFloe(['dev', 'status'], status)).toBe(0);
    const pids = [...status.stdout().matchAll(/pid (\d+)/g)].map((match) => Number(match[1]));
    expect(status.stdout()).toContain('kubelet');
    expect(pids.every(isAlive)).toBe(true);

    const down = captureOutput();
    expect(await runFloe(['dev', 'down'], down)).toBe(0);
    expect(down.stdout()).toMatch(/^stopped \d+ processes; host restored\n$/);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(snapshotHost()).toEqual(before);
  });

  it('load without a running real node says how to start one (exit 1), no stack trace', async () => {
    const load = captureOutput();
    expect(await runFloe(['dev', 'load', 'localhost/nothing:1'], load)).toBe(1);
    expect(load.stderr()).toMatch(/start the cluster with: floe dev up/);
    expect(load.stderr()).not.toMatch(/\n\s+at /);
  });
});

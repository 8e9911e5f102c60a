import { appendFileSync } from 'node:fs';
import { followLogs, type LogLine } from '@floe/kube';
import { formatCriLogLine } from '../../src/index.js';
import { createTestNamespace, eventually, type TestNamespace } from '../../src/testing/index.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

let ns: TestNamespace;
beforeAll(async () => {
  ns = await createTestNamespace(inject('floeKubeconfig'), { prefix: 'logs' });
  await ns.resources.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'talker', namespace: ns.name }, spec: { containers: [{ name: 'main', image: 'busybox:1.36' }] } });
  await eventually(() => ns.resources.get({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: 'talker' }), (pod) => (pod?.['status'] as { phase?: string } | undefined)?.phase === 'Running');
});
afterAll(async () => {
  await ns.dispose();
});

describe('followLogs through the real pods/log path (API server -> kwok kubelet endpoint)', () => {
  it('streams lines appended while following, with their timestamps, and stops when aborted', async () => {
    const logsFile = inject('floeClusterLogsFile');
    const marker = `marker-${Date.now()}`;
    const received: LogLine[] = [];
    const controller = new AbortController();
    const following = followLogs(ns.client, { namespace: ns.name, pod: 'talker', container: 'main', signal: controller.signal, onLine: (line) => received.push(line) });
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let index = 0; index < 3; index++) appendFileSync(logsFile, formatCriLogLine(`${marker} line ${index}`, new Date(Date.now() + index)));
    await eventually(() => Promise.resolve(received.filter((line) => line.text.startsWith(marker)).length), (count) => count === 3, { what: 'the appended lines' });
    controller.abort();
    const result = await following;
    expect(result.complete).toBe(false);
    const mine = received.filter((line) => line.text.startsWith(marker));
    expect(mine.map((line) => line.text)).toEqual([0, 1, 2].map((index) => `${marker} line ${index}`));
    expect(mine.every((line) => /^\d{4}-\d\d-\d\dT/.test(line.timestamp))).toBe(true);
  });

  it('fetches the lines since a timestamp only', async () => {
    const logsFile = inject('floeClusterLogsFile');
    const marker = `since-${Date.now()}`;
    appendFileSync(logsFile, formatCriLogLine(`${marker} old`, new Date(Date.now() - 60_000)));
    const cut = new Date();
    appendFileSync(logsFile, formatCriLogLine(`${marker} new`, new Date(cut.getTime() + 1000)));
    const stream = await ns.client.stream({ path: `/api/v1/namespaces/${ns.name}/pods/talker/log`, query: { container: 'main', timestamps: true, sinceTime: cut.toISOString() } });
    let text = '';
    for await (const chunk of stream) text += (chunk as Buffer).toString();
    expect(text).toContain(`${marker} new`);
    expect(text).not.toContain(`${marker} old`);
  });
});

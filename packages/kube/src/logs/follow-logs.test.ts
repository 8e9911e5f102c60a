import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeClient, followLogs } from '../index.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

describe('followLogs', () => {
  it('reconnects after a dropped stream from the last timestamp, without duplicates or gaps', async () => {
    const all = ['2026-01-01T00:00:01Z a', '2026-01-01T00:00:02Z b', '2026-01-01T00:00:02Z c', '2026-01-01T00:00:03Z d'];
    const requests: string[] = [];
    const fixture = await httpFixture((request, response) => {
      const since = new URL(request.url ?? '', 'http://x').searchParams.get('sinceTime');
      requests.push(since ?? '');
      if (!since) {
        // First connection: three lines, then the connection drops mid-stream.
        response.write(`${all.slice(0, 3).join('\n')}\n`);
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      // The kubelet resends from sinceTime inclusive: lines b and c again, then d.
      response.end(`${all.filter((line) => line.slice(0, 20) >= since).join('\n')}\n`);
    });
    cleanups.push(fixture.close);
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig, retry: { baseDelayMs: 1 } });
    cleanups.push(() => {
      client.close();
      return Promise.resolve();
    });
    const received: string[] = [];
    const result = await followLogs(client, {
      namespace: 'ns', pod: 'p', onLine: (line) => received.push(line.text),
      // The container finishes while the second connection is open.
      isFinished: () => Promise.resolve(requests.length >= 2),
    });
    expect(received).toEqual(['a', 'b', 'c', 'd']);
    expect(requests).toEqual(['', '2026-01-01T00:00:02Z']);
    expect(result).toMatchObject({ complete: true, reconnects: 1, lines: 4 });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeClient } from '../client/kube-client.js';
import { ResourceClient } from '../resources/resource-client.js';
import { WatchHub } from './watch-hub.js';

const target = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'team' } as const;

/** An API server that serves one ConfigMap list and holds watches open; counts what it was asked. */
async function apiServer() {
  const seen = { lists: 0, watches: 0 };
  const fixture = await httpFixture((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    response.setHeader('content-type', 'application/json');
    if (url.pathname === '/api/v1') {
      response.end(JSON.stringify({ resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }] }));
    } else if (url.searchParams.get('watch')) {
      seen.watches++;
      response.writeHead(200);
      response.write('');
    } else {
      seen.lists++;
      response.end(JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '7' }, items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'team', resourceVersion: '7' } }] }));
    }
  });
  const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig });
  return { seen, resources: new ResourceClient(client), close: async () => { client.close(); await fixture.close(); } };
}

// The first KubeClient.connect of a file loads the kubeconfig module: slow on a loaded machine.
describe('WatchHub', { timeout: 30_000 }, () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  it('stops a watch when its last subscriber leaves, so a later subscriber lists again', async () => {
    const server = await apiServer();
    close = server.close;
    const hub = new WatchHub(server.resources);
    await (await hub.subscribe(target, () => undefined))();
    expect(hub.size).toBe(0);
    await (await hub.subscribe(target, () => undefined))();
    expect(server.seen.lists).toBe(2);
    await hub.stopAll();
  });

  it('with keepWatches, keeps the watch for later subscribers (one list, the cache replayed) until stopAll', async () => {
    const server = await apiServer();
    close = server.close;
    const hub = new WatchHub(server.resources, {}, { keepWatches: true });
    await (await hub.subscribe(target, () => undefined))();
    expect(hub.size).toBe(1);
    const replayed: string[] = [];
    await (await hub.subscribe(target, (event) => replayed.push(`${event.type} ${event.object.metadata.name}`)))();
    expect(server.seen.lists).toBe(1);
    expect(replayed).toEqual(['ADDED settings']);
    await hub.stopAll();
    expect(hub.size).toBe(0);
  });

  it('with followOnDemand, lists without watching until follow(); a later subscriber of a kind not followed lists again', async () => {
    const server = await apiServer();
    close = server.close;
    const hub = new WatchHub(server.resources, {}, { keepWatches: true, followOnDemand: true });
    const [first, second] = await Promise.all([hub.subscribe(target, () => undefined), hub.subscribe(target, () => undefined)]);
    await first();
    await second();
    expect(server.seen).toEqual({ lists: 1, watches: 0 });
    await (await hub.subscribe(target, () => undefined))();
    expect(server.seen).toEqual({ lists: 2, watches: 0 });
    hub.follow(target);
    hub.follow(target);
    await expect.poll(() => server.seen.watches).toBe(1);
    await (await hub.subscribe(target, () => undefined))();
    expect(server.seen).toEqual({ lists: 2, watches: 1 });
    await hub.stopAll();
  });
});

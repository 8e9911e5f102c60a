import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeClient } from '../client/kube-client.js';
import { Discovery, UnknownKindError } from './discovery.js';

// The first KubeClient.connect of a file loads the kubeconfig module: slow on a loaded machine.
describe('Discovery', { timeout: 30_000 }, () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  async function discoveryWithServer() {
    const asked: string[] = [];
    const fixture = await httpFixture((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      if (request.url === '/apis/example.com/v1') response.end(JSON.stringify({ resources: [{ name: 'widgets', kind: 'Widget', namespaced: true }, { name: 'widgets/status', kind: 'Widget', namespaced: true }] }));
      else if (request.url === '/apis/autoscaling/v1') response.end(JSON.stringify({ resources: [{ name: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true }] }));
      else { response.statusCode = 404; response.end(JSON.stringify({ kind: 'Status', code: 404 })); }
    });
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig });
    close = async () => { client.close(); await fixture.close(); };
    return { discovery: new Discovery(client), asked };
  }

  it('resolves the GA built-in kinds without asking the API server', async () => {
    const { discovery, asked } = await discoveryWithServer();
    expect(await discovery.resolve('apps/v1', 'Deployment')).toEqual({ groupVersionPath: '/apis/apps/v1', plural: 'deployments', namespaced: true });
    expect(await discovery.resolve('v1', 'Namespace')).toEqual({ groupVersionPath: '/api/v1', plural: 'namespaces', namespaced: false });
    expect(await discovery.resolve('policy/v1', 'PodDisruptionBudget')).toMatchObject({ plural: 'poddisruptionbudgets' });
    expect(asked).toEqual([]);
  });

  it('asks discovery once per group-version for other kinds and versions', async () => {
    const { discovery, asked } = await discoveryWithServer();
    expect(await discovery.resolve('example.com/v1', 'Widget')).toEqual({ groupVersionPath: '/apis/example.com/v1', plural: 'widgets', namespaced: true });
    await discovery.resolve('example.com/v1', 'Widget');
    // A built-in kind under an older version is not in the table.
    expect(await discovery.resolve('autoscaling/v1', 'HorizontalPodAutoscaler')).toMatchObject({ groupVersionPath: '/apis/autoscaling/v1' });
    expect(asked).toEqual(['/apis/example.com/v1', '/apis/autoscaling/v1']);
  });

  it('names a kind the API server does not serve', async () => {
    const { discovery } = await discoveryWithServer();
    await expect(discovery.resolve('example.com/v1', 'Gadget')).rejects.toBeInstanceOf(UnknownKindError);
    await expect(discovery.resolve('missing.example.com/v1', 'Thing')).rejects.toThrow(/does not serve Thing in missing.example.com\/v1/);
  });
});

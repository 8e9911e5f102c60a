import { afterEach, describe, expect, it } from 'vitest';
import { httpFixture } from '../../test/http-fixture.js';
import { KubeClient } from '../client/kube-client.js';
import { ResourceClient } from './resource-client.js';

// The first KubeClient.connect of a file loads the kubeconfig module: slow on a loaded machine.
describe('ResourceClient.list', { timeout: 30_000 }, () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => { await close?.(); close = undefined; });

  it('asks for metadata only, and reads an empty metadata list ("items": null, as the API server sends it) as no items', async () => {
    const accepts: string[] = [];
    const fixture = await httpFixture((request, response) => {
      accepts.push(String(request.headers.accept));
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: '7' }, items: null }));
    });
    const client = await KubeClient.connect({ kubeconfig: fixture.kubeconfig });
    close = async () => { client.close(); await fixture.close(); };
    const list = await new ResourceClient(client).list('v1', 'Secret', { namespace: 'not-there-yet', metadataOnly: true });
    expect(list).toEqual({ items: [], resourceVersion: '7' });
    expect(accepts).toHaveLength(1);
    expect(accepts[0]).toContain('as=PartialObjectMetadataList');
  });
});

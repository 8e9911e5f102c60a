import { KubeClient, ResourceClient, type KubeObject } from '@floe/kube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type {} from '../../src/testing/index.js';

let client: KubeClient;
let resources: ResourceClient;
beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
});
afterAll(() => client.close());

describe('the aggregation layer', () => {
  it('publishes its request-header settings for extension API servers, with a front-proxy CA that is not the cluster CA', async () => {
    const configMap = await resources.get<KubeObject & { data: Record<string, string> }>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'kube-system', name: 'extension-apiserver-authentication' });
    const data = configMap!.data;
    expect(data['requestheader-client-ca-file']).toContain('BEGIN CERTIFICATE');
    expect(data['requestheader-client-ca-file']).not.toBe(data['client-ca-file']);
    expect(JSON.parse(data['requestheader-allowed-names']!)).toEqual(['front-proxy-client']);
    expect(JSON.parse(data['requestheader-username-headers']!)).toEqual(['X-Remote-User']);
    expect(JSON.parse(data['requestheader-group-headers']!)).toEqual(['X-Remote-Group']);
    expect(JSON.parse(data['requestheader-extra-headers-prefix']!)).toEqual(['X-Remote-Extra-']);
  });

});

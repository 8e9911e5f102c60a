import { describe, expect, it } from 'vitest';
import { aggregationLayerArgs } from './aggregation-layer.js';

const frontProxy = { caCert: '/pki/front-proxy-ca.crt', clientCert: '/pki/front-proxy-client.crt', clientKey: '/pki/front-proxy-client.key', clientName: 'front-proxy-client' };

describe('aggregationLayerArgs', () => {
  it('trusts request headers only from the front-proxy CA and name, and proxies with that client certificate', () => {
    expect(aggregationLayerArgs(frontProxy, { routeToEndpoints: false })).toEqual([
      '--requestheader-client-ca-file=/pki/front-proxy-ca.crt',
      '--requestheader-allowed-names=front-proxy-client',
      '--requestheader-username-headers=X-Remote-User',
      '--requestheader-group-headers=X-Remote-Group',
      '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--proxy-client-cert-file=/pki/front-proxy-client.crt',
      '--proxy-client-key-file=/pki/front-proxy-client.key',
    ]);
  });

  it('routes to the extension server\'s pod IP only when asked (a real node beside the control plane)', () => {
    expect(aggregationLayerArgs(frontProxy, { routeToEndpoints: true })).toContain('--enable-aggregator-routing=true');
    expect(aggregationLayerArgs(frontProxy, { routeToEndpoints: false }).some((flag) => flag.startsWith('--enable-aggregator-routing'))).toBe(false);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeNetwork } from './node-network.js';

/**
 * Writes the node's CNI network: a bridge (`floebr0`, gateway = first address
 * of the node's pod CIDR, no IP masquerade: nothing is to leave the machine),
 * host-local IPAM with its state under the cluster's directory, portmap for
 * hostPorts. The kubelet reports the node Ready once this file exists.
 */
export function writeCniConfig(confDir: string, options: { podCidr: string; ipamDataDir: string }): string {
  mkdirSync(confDir, { recursive: true });
  mkdirSync(options.ipamDataDir, { recursive: true });
  const path = join(confDir, '10-floe.conflist');
  writeFileSync(path, `${JSON.stringify({
    cniVersion: '1.0.0',
    name: 'floe',
    plugins: [
      {
        type: 'bridge', bridge: nodeNetwork.bridge, isGateway: true, ipMasq: false, hairpinMode: true,
        ipam: { type: 'host-local', dataDir: options.ipamDataDir, ranges: [[{ subnet: options.podCidr }]], routes: [{ dst: '0.0.0.0/0' }] },
      },
      { type: 'portmap', capabilities: { portMappings: true } },
    ],
  }, null, 2)}\n`);
  return path;
}

import { hostCommand, tryHostCommand } from './host-command.js';

/**
 * The addresses of the local cluster's real node. There is one real node per
 * machine (kubelet and containerd use fixed host paths), so these are fixed.
 */
export const nodeNetwork = {
  /**
   * The node's InternalIP, on an interface of its own: pods route to it
   * through the bridge, nothing outside the machine knows it. That interface
   * is a bridge without ports, which behaves as a dummy interface does: these
   * kernels are built without CONFIG_DUMMY (`ip link add ... type dummy`
   * answers "Unknown device type").
   */
  nodeIp: '10.250.0.1',
  /** The API server's port on the node IP, as kubeadm and kind have it (pods' NetworkPolicies see this port). */
  apiServerPort: 6443,
  nodeInterface: 'floe0',
  /** The CNI bridge of the pods. */
  bridge: 'floebr0',
  /** Cluster CIDR; the controller manager gives the node a /24 of it. */
  podCidr: '10.244.0.0/16',
  serviceCidr: '10.96.0.0/16',
  /** ClusterIP of the `kube-dns` Service (the kubelet's clusterDNS). */
  dnsServiceIp: '10.96.0.10',
} as const;

/** The guard chain's name in the raw and mangle tables. */
export const egressGuardChain = 'FLOE-POD-EGRESS';

/**
 * Puts the node IP on its own interface and installs the egress guard: a
 * packet from the pod network that is not addressed to the pod network, the
 * service range or the node is dropped at the host (raw PREROUTING, before
 * kube-proxy's DNAT), and a forwarded packet from a pod to anything but a pod
 * is dropped after DNAT (mangle FORWARD, before any filter-table ACCEPT), so a
 * Service whose endpoints point outside cannot be a way out either. Pods have
 * no IPv6: everything IPv6 from the bridge is dropped.
 */
export function setUpNodeNetwork(): void {
  const { nodeInterface, nodeIp, podCidr, serviceCidr, bridge } = nodeNetwork;
  if (tryHostCommand('ip', ['link', 'show', nodeInterface]) === undefined) hostCommand('ip', ['link', 'add', nodeInterface, 'type', 'bridge']);
  tryHostCommand('ip', ['addr', 'add', `${nodeIp}/32`, 'dev', nodeInterface]);
  hostCommand('ip', ['link', 'set', nodeInterface, 'up']);
  removeEgressGuard();
  const guard = (table: string, rules: readonly (readonly string[])[], hook: string) => {
    hostCommand('iptables', ['-w', '-t', table, '-N', egressGuardChain]);
    for (const rule of rules) hostCommand('iptables', ['-w', '-t', table, '-A', egressGuardChain, ...rule]);
    hostCommand('iptables', ['-w', '-t', table, '-I', hook, '1', '-j', egressGuardChain]);
  };
  guard('raw', [
    ['-s', podCidr, '-d', podCidr, '-j', 'RETURN'],
    ['-s', podCidr, '-d', serviceCidr, '-j', 'RETURN'],
    ['-s', podCidr, '-d', nodeIp, '-j', 'RETURN'],
    ['-s', podCidr, '-j', 'DROP'],
  ], 'PREROUTING');
  guard('mangle', [
    ['-s', podCidr, '-d', podCidr, '-j', 'RETURN'],
    ['-s', podCidr, '-j', 'DROP'],
  ], 'FORWARD');
  hostCommand('ip6tables', ['-w', '-t', 'raw', '-N', egressGuardChain]);
  hostCommand('ip6tables', ['-w', '-t', 'raw', '-A', egressGuardChain, '-i', bridge, '-j', 'DROP']);
  hostCommand('ip6tables', ['-w', '-t', 'raw', '-I', 'PREROUTING', '1', '-j', egressGuardChain]);
}

/** Removes the egress guard chains (and the jumps to them); idempotent. */
export function removeEgressGuard(): void {
  for (const [binary, table, hook] of [['iptables', 'raw', 'PREROUTING'], ['iptables', 'mangle', 'FORWARD'], ['ip6tables', 'raw', 'PREROUTING']] as const) {
    while (tryHostCommand(binary, ['-w', '-t', table, '-D', hook, '-j', egressGuardChain]) !== undefined) { /* every copy of the jump */ }
    tryHostCommand(binary, ['-w', '-t', table, '-F', egressGuardChain]);
    tryHostCommand(binary, ['-w', '-t', table, '-X', egressGuardChain]);
  }
}

/** Deletes the dummy interface and the bridge (with the node IP); idempotent. */
export function removeNodeInterfaces(): void {
  tryHostCommand('ip', ['link', 'del', nodeNetwork.bridge]);
  tryHostCommand('ip', ['link', 'del', nodeNetwork.nodeInterface]);
}

import { nodeNetwork } from './node-network.js';

/**
 * kube-proxy in iptables mode. Conntrack settings 0: leave the host's
 * sysctls alone (this VM's root cannot set them anyway). Health and metrics
 * on loopback, on free ports (two clusters never share them).
 */
export function kubeProxyArgs(options: { kubeconfig: string; nodeName: string; healthzPort: number; metricsPort: number }): string[] {
  return [
    `--kubeconfig=${options.kubeconfig}`,
    `--hostname-override=${options.nodeName}`,
    '--proxy-mode=iptables',
    `--cluster-cidr=${nodeNetwork.podCidr}`,
    '--conntrack-max-per-core=0',
    '--conntrack-tcp-timeout-established=0',
    '--conntrack-tcp-timeout-close-wait=0',
    `--healthz-bind-address=127.0.0.1:${options.healthzPort}`,
    `--metrics-bind-address=127.0.0.1:${options.metricsPort}`,
    '--v=1',
  ];
}

/**
 * kube-router with only its NetworkPolicy controller (iptables + ipset), as
 * k3s embeds it next to other CNIs: no routing, no service proxy, no CNI.
 * kind's kube-network-policies cannot run on this kernel (it queues packets
 * with nftables' `queue` statement; CONFIG_NFT_QUEUE is not set here).
 */
export function kubeRouterArgs(options: { kubeconfig: string; nodeName: string; healthPort: number }): string[] {
  return [
    `--kubeconfig=${options.kubeconfig}`,
    `--hostname-override=${options.nodeName}`,
    '--run-firewall=true',
    '--run-router=false',
    '--run-service-proxy=false',
    '--enable-cni=false',
    '--enable-ipv4=true',
    '--enable-ipv6=false',
    `--service-cluster-ip-range=${nodeNetwork.serviceCidr}`,
    `--health-port=${options.healthPort}`,
    '--metrics-port=0',
    '--v=1',
  ];
}

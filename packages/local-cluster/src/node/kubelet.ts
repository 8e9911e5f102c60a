import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evictionFreePercent } from './disk-headroom.js';
import { nodeNetwork } from './node-network.js';

/** Paths the kubelet of the real node uses, under the cluster's directory. */
export interface KubeletPaths {
  readonly rootDir: string;
  readonly podLogsDir: string;
  readonly config: string;
  readonly kubeconfig: string;
}

export function kubeletPaths(nodeDir: string): KubeletPaths {
  const base = join(nodeDir, 'kubelet');
  return { rootDir: join(base, 'root'), podLogsDir: join(base, 'pod-logs'), config: join(base, 'config.yaml'), kubeconfig: join(base, 'kubeconfig') };
}

/**
 * Writes the KubeletConfiguration of the real node. Settings this host needs
 * (see docs: cgroup v1, no systemd, a sandboxed root): `failCgroupV1: false`,
 * cgroupfs, no swap check, no read-only port, webhook authn/authz with the
 * cluster CA, a serving certificate with the node IP, loose hard eviction
 * (a shared CI disk must not evict the cluster's own pods; disk-headroom.ts
 * refuses to start or load images below it), the cluster DNS
 * Service, and no host resolv.conf (cluster DNS has no upstream).
 */
export function writeKubeletConfig(paths: KubeletPaths, options: { caCert: string; servingCert: string; servingKey: string; port: number; healthzPort: number }): void {
  mkdirSync(paths.rootDir, { recursive: true });
  mkdirSync(paths.podLogsDir, { recursive: true });
  writeFileSync(paths.config, `apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: ${nodeNetwork.nodeIp}
port: ${options.port}
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: ${options.healthzPort}
authentication:
  anonymous:
    enabled: false
  webhook:
    enabled: true
  x509:
    clientCAFile: ${JSON.stringify(options.caCert)}
authorization:
  mode: Webhook
tlsCertFile: ${JSON.stringify(options.servingCert)}
tlsPrivateKeyFile: ${JSON.stringify(options.servingKey)}
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
clusterDomain: cluster.local
clusterDNS: [${nodeNetwork.dnsServiceIp}]
resolvConf: ""
podLogsDir: ${JSON.stringify(paths.podLogsDir)}
evictionHard:
  nodefs.available: "${evictionFreePercent}%"
  imagefs.available: "${evictionFreePercent}%"
  memory.available: "100Mi"
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
# Images come side-loaded (floe dev load, as kind loads them): once the kubelet pulled the same image under another
# name (the local registry), its pull records would make it re-pull the side-loaded name from a registry that never had it.
imagePullCredentialsVerificationPolicy: NeverVerify
maxPods: 110
staticPodPath: ""
registerNode: true
shutdownGracePeriod: 0s
containerLogMaxSize: 10Mi
`);
}

/** The kubelet's command line (its config file carries everything else). */
export function kubeletArgs(paths: KubeletPaths, options: { nodeName: string; containerdSocket: string }): string[] {
  return [
    `--config=${paths.config}`,
    `--kubeconfig=${paths.kubeconfig}`,
    `--root-dir=${paths.rootDir}`,
    `--container-runtime-endpoint=unix://${options.containerdSocket}`,
    `--hostname-override=${options.nodeName}`,
    `--node-ip=${nodeNetwork.nodeIp}`,
    '--node-labels=floe.dev/node=real',
    '--v=1',
  ];
}

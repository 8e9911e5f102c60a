import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject, ResourceClient } from '@floe/kube';
import type { ClusterBinaries } from '../binaries/cluster-binaries.js';
import { writeKubeconfig } from '../kubeconfig/write-kubeconfig.js';
import { LocalClusterError } from '../local-cluster-error.js';
import type { NodePki } from '../pki/generate-pki.js';
import type { ClusterProcess } from '../process/cluster-process.js';
import { removeClusterState } from '../process/remove-cluster-dir.js';
import { httpGetOk } from '../readiness/http-get-ok.js';
import { waitUntil } from '../readiness/wait-until.js';
import { clusterDnsObjects } from './cluster-dns.js';
import { writeCniConfig } from './cni-config.js';
import { containerdPaths, writeContainerdConfig } from './containerd.js';
import { hostCommand } from './host-command.js';
import { releaseHostLock, takeHostLock } from './host-lock.js';
import { readHostStateBefore, recordHostStateBefore, type HostStateBefore } from './host-state.js';
import { kubeletArgs, kubeletPaths, writeKubeletConfig } from './kubelet.js';
import { cleanUpHost } from './node-cleanup.js';
import { kubeProxyArgs, kubeRouterArgs } from './node-agents.js';
import { buildNodeImages } from './node-images.js';
import { setUpNodeNetwork } from './node-network.js';

/** The one real node of this machine (kubelet and containerd use fixed host paths). */
export const realNodeName = 'floe-node';

/** Debian's runc and CNI plugins (installed by packages/local-cluster/scripts/install-node-packages.sh). */
export const hostTools = { runc: '/usr/sbin/runc', cniBinDir: '/usr/lib/cni' } as const;

const installHint = 'install them with packages/local-cluster/scripts/install-node-packages.sh (Debian: runc containernetworking-plugins iptables ipset conntrack nftables)';

/** The parts of a started cluster the real node needs. */
export interface RealNodeContext {
  readonly clusterDir: string;
  readonly binaries: ClusterBinaries;
  readonly server: string;
  readonly clusterName: string;
  readonly caCert: string;
  readonly adminKubeconfig: string;
  readonly nodePki: NodePki;
  readonly resources: ResourceClient;
  readonly ports: { kubelet: number; kubeletHealthz: number; proxyHealthz: number; proxyMetrics: number; routerHealth: number; containerdMetrics: number };
  launch(name: string, binary: string, args: readonly string[]): ClusterProcess;
  remaining(): number;
}

/** What a started real node leaves for stop(). */
export interface RealNode {
  readonly name: string;
  readonly dir: string;
  readonly containerdSocket: string;
  readonly ctr: string;
  readonly images: { readonly pause: string; readonly coredns: string };
}

interface NodeRecord {
  readonly nodeDir: string;
  readonly containerdSocket: string;
}

export const nodeDirOf = (clusterDir: string) => join(clusterDir, 'node');
const recordFile = (nodeDir: string) => join(nodeDir, 'node.json');
const beforeFile = (nodeDir: string) => join(nodeDir, 'host-before.json');

/** Fails with what to do when this process cannot run a real node. */
export function checkRealNodePrerequisites(): void {
  if (process.platform !== 'linux') throw new LocalClusterError('REAL_NODE_UNSUPPORTED', `a real node runs on Linux only (this is ${process.platform}); start a kwok-only cluster: floe dev up --fake-nodes 1 --no-real-node`);
  if (process.getuid?.() !== 0) throw new LocalClusterError('REAL_NODE_NEEDS_ROOT', 'a real node needs root (as kind needs a Docker engine): run as root, or start a kwok-only cluster with: floe dev up --fake-nodes 1 --no-real-node');
  const missing = [hostTools.runc, join(hostTools.cniBinDir, 'bridge'), join(hostTools.cniBinDir, 'host-local'), join(hostTools.cniBinDir, 'portmap')].filter((path) => !existsSync(path));
  for (const tool of ['iptables', 'ip6tables', 'ipset', 'nft', 'ip']) {
    try {
      hostCommand('sh', ['-c', `command -v ${tool}`]);
    } catch {
      missing.push(tool);
    }
  }
  if (missing.length > 0) throw new LocalClusterError('REAL_NODE_TOOLS_MISSING', `the real node needs ${missing.join(', ')}; ${installHint}`);
}

/**
 * Prepares the host for the real node (after checkRealNodePrerequisites), before the control plane starts (the
 * API server listens on the node IP): takes the machine's real-node lock,
 * records the host state that stop() restores, puts the node IP on its own
 * interface and installs the egress guard.
 */
export async function prepareRealNodeHost(clusterDir: string): Promise<void> {
  const nodeDir = nodeDirOf(clusterDir);
  await takeHostLock(clusterDir, cleanUpCrashedOwner);
  mkdirSync(nodeDir, { recursive: true });
  const containerd = containerdPaths(nodeDir);
  if (containerd.socket.length > 100) throw new LocalClusterError('REAL_NODE_PATH_TOO_LONG', `containerd's socket path ${containerd.socket} is longer than a unix socket allows; use a shorter cluster directory`);
  writeFileSync(recordFile(nodeDir), JSON.stringify({ nodeDir, containerdSocket: containerd.socket } satisfies NodeRecord));
  recordHostStateBefore(beforeFile(nodeDir));
  setUpNodeNetwork();
}

/**
 * Starts the real node of a local cluster whose control plane is up: host
 * network (node IP on its own interface, the egress guard), containerd with
 * the locally built pause and CoreDNS images, the kubelet, the CNI bridge once
 * the node has its pod CIDR, kube-proxy, kube-router's NetworkPolicy
 * controller, and CoreDNS. Returns when the node is Ready and cluster DNS
 * answers. Host changes are recorded first, so stop() (or `floe dev down`
 * after a crash) can undo them.
 */
export async function startRealNode(context: RealNodeContext): Promise<RealNode> {
  const nodeDir = nodeDirOf(context.clusterDir);
  const containerd = containerdPaths(nodeDir);
  const images = buildNodeImages(context.binaries);
  writeContainerdConfig(containerd, { pauseImage: images.pause, cniBinDir: hostTools.cniBinDir, runc: hostTools.runc, metricsPort: context.ports.containerdMetrics });
  const containerdProcess = context.launch('containerd', context.binaries.containerd, [`--config=${containerd.config}`]);
  const ctr = (args: readonly string[]) => hostCommand(context.binaries.ctr, ['--address', containerd.socket, '--namespace', 'k8s.io', ...args]);
  await waitUntil('containerd', () => Promise.resolve(existsSync(containerd.socket) && ctr(['version']).includes('Server')), { timeoutMs: context.remaining(), processes: [containerdProcess] });
  for (const archive of images.archives) ctr(['images', 'import', '--all-platforms', archive]);

  const kubelet = kubeletPaths(nodeDir);
  writeKubeletConfig(kubelet, { caCert: context.caCert, servingCert: context.nodePki.kubeletServingCert, servingKey: context.nodePki.kubeletServingKey, port: context.ports.kubelet, healthzPort: context.ports.kubeletHealthz });
  writeKubeconfig(kubelet.kubeconfig, { server: context.server, name: context.clusterName, caCert: context.caCert, clientCert: context.nodePki.kubeletCert, clientKey: context.nodePki.kubeletKey, user: `system:node:${realNodeName}` });
  const kubeletProcess = context.launch('kubelet', context.binaries.kubelet, kubeletArgs(kubelet, { nodeName: realNodeName, containerdSocket: containerd.socket }));
  const watched = [containerdProcess, kubeletProcess];

  let podCidr = '';
  await waitUntil(`node ${realNodeName} registered with a pod CIDR`, async () => {
    const node = await context.resources.get<KubeObject & { spec?: { podCIDR?: string } }>({ apiVersion: 'v1', kind: 'Node', name: realNodeName });
    podCidr = node?.spec?.podCIDR ?? '';
    return podCidr !== '';
  }, { timeoutMs: context.remaining(), processes: watched });
  writeCniConfig(containerd.cniConfDir, { podCidr, ipamDataDir: join(nodeDir, 'cni', 'ipam') });

  const proxyKubeconfig = join(nodeDir, 'kube-proxy.kubeconfig');
  writeKubeconfig(proxyKubeconfig, { server: context.server, name: context.clusterName, caCert: context.caCert, clientCert: context.nodePki.kubeProxyCert, clientKey: context.nodePki.kubeProxyKey, user: 'system:kube-proxy' });
  const proxy = context.launch('kube-proxy', context.binaries.kubeProxy, kubeProxyArgs({ kubeconfig: proxyKubeconfig, nodeName: realNodeName, healthzPort: context.ports.proxyHealthz, metricsPort: context.ports.proxyMetrics }));
  const router = context.launch('kube-router', context.binaries.kubeRouter, kubeRouterArgs({ kubeconfig: context.adminKubeconfig, nodeName: realNodeName, healthPort: context.ports.routerHealth }));
  watched.push(proxy, router);

  await waitUntil(`node ${realNodeName} Ready`, async () => {
    const node = await context.resources.get<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>({ apiVersion: 'v1', kind: 'Node', name: realNodeName });
    return node?.status?.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') === true;
  }, { timeoutMs: context.remaining(), processes: watched });
  await waitUntil('kube-proxy healthz', () => httpGetOk(`http://127.0.0.1:${context.ports.proxyHealthz}/healthz`), { timeoutMs: context.remaining(), processes: watched });

  for (const object of clusterDnsObjects(images.coredns)) await context.resources.apply(object);
  await waitUntil('cluster DNS (kube-system/coredns) ready', async () => {
    const deployment = await context.resources.get<KubeObject & { status?: { readyReplicas?: number } }>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'kube-system', name: 'coredns' });
    return (deployment?.status?.readyReplicas ?? 0) >= 1;
  }, { timeoutMs: context.remaining(), processes: watched });

  return { name: realNodeName, dir: nodeDir, containerdSocket: containerd.socket, ctr: context.binaries.ctr, images: { pause: images.pause, coredns: images.coredns } };
}

/**
 * What a start does about the real node of a cluster that crashed (its lock
 * left behind, none of its processes alive): undoes its host changes, and
 * removes its images and etcd data (see removeClusterState). Nothing reuses
 * them (a start clears them first), and a killed test run would otherwise
 * leave gigabytes of images in the temp directory until the disk is full.
 */
export async function cleanUpCrashedOwner(ownerDir: string): Promise<void> {
  await stopRealNodeIn(ownerDir);
  removeClusterState(ownerDir);
}

/**
 * Undoes a real node's host changes after its processes were ended (by the
 * cluster's stop() or from the pid file): see cleanUpHost. No-op when the
 * cluster directory never had a real node.
 */
export async function stopRealNodeIn(clusterDir: string): Promise<boolean> {
  const nodeDir = nodeDirOf(clusterDir);
  if (!existsSync(recordFile(nodeDir))) {
    releaseHostLock(clusterDir);
    return false;
  }
  const record = JSON.parse(readFileSync(recordFile(nodeDir), 'utf8')) as NodeRecord;
  // Without a record of the host before (a crash while writing it), the host as it is now is the best reference.
  const before = existsSync(beforeFile(nodeDir)) ? JSON.parse(readFileSync(beforeFile(nodeDir), 'utf8')) as HostStateBefore : readHostStateBefore();
  await cleanUpHost({ nodeDir: record.nodeDir, containerdSocket: record.containerdSocket, kubeletRootDir: kubeletPaths(record.nodeDir).rootDir, before });
  rmSync(recordFile(nodeDir), { force: true });
  rmSync(beforeFile(nodeDir), { force: true });
  releaseHostLock(clusterDir);
  return true;
}

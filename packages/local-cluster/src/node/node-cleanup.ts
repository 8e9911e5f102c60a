import { existsSync, readdirSync, readFileSync, readlinkSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LocalClusterError } from '../local-cluster-error.js';
import { tryHostCommand } from './host-command.js';
import { fixedHostPaths, ipsetNames, linkNames, nftTables, nodeCgroupNames, restoreSysctls, type HostStateBefore } from './host-state.js';
import { nodeNetwork, removeEgressGuard, removeNodeInterfaces } from './node-network.js';

/** Chains the node's parts create: kubelet, kube-proxy, kube-router (all KUBE-), CNI portmap (CNI-), floe's guard (FLOE-). */
const nodeChain = /^(KUBE-|CNI-|FLOE-)/;

function processIds(): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).map(Number);
}

function readProc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function kill(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** UIDs of the pods this node's kubelet ran (its pods dir): another kubelet's pods on the same host are never touched. */
function ownPodUids(kubeletRootDir: string): Set<string> {
  try {
    return new Set(readdirSync(join(kubeletRootDir, 'pods')));
  } catch {
    return new Set();
  }
}

/** The pod UID of a process from its cgroups (`.../kubepods[/qos]/pod<uid>/...`), if it runs in a pod. */
export function podUidOf(cgroup: string): string | undefined {
  return /:\/kubepods(?:\/\w+)?\/pod([0-9a-f-]{36})(?:\/|$)/m.exec(cgroup)?.[1];
}

/** Processes of this node's containers (in the cgroup of one of its pods) and the runc shims of its containerd. */
function nodeProcesses(containerdSocket: string, podUids: ReadonlySet<string>): { containers: number[]; shims: number[] } {
  const containers: number[] = [];
  const shims: number[] = [];
  for (const pid of processIds()) {
    if (pid === process.pid) continue;
    const uid = podUidOf(readProc(pid, 'cgroup'));
    if (uid !== undefined && podUids.has(uid)) containers.push(pid);
    const cmdline = readProc(pid, 'cmdline').split('\0');
    if (cmdline[0]?.endsWith('containerd-shim-runc-v2') && cmdline.some((arg) => arg.startsWith(containerdSocket))) shims.push(pid);
  }
  return { containers, shims };
}

/** Kills every container process of the node, then the shims, waiting (up to 10 s) until they are gone; returns survivors. */
export async function killNodeProcesses(containerdSocket: string, kubeletRootDir: string): Promise<number[]> {
  const podUids = ownPodUids(kubeletRootDir);
  for (let round = 0; round < 100; round += 1) {
    const { containers, shims } = nodeProcesses(containerdSocket, podUids);
    if (containers.length === 0 && shims.length === 0) return [];
    kill(containers.length > 0 ? containers : shims);
    await sleep(100);
  }
  const { containers, shims } = nodeProcesses(containerdSocket, podUids);
  return [...containers, ...shims];
}

/** Mount points under `prefixes`, one entry per mount (a point mounted twice, as a shared bind leaves it, appears twice). */
export function mountsUnder(prefixes: readonly string[]): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
    .map((line) => line.split(' ')[4]?.replace(/\\040/g, ' '))
    .filter((point): point is string => point !== undefined && prefixes.some((prefix) => point === prefix || point.startsWith(`${prefix}/`)));
}

/**
 * Unmounts everything mounted under `prefixes`, deepest first (lazily when
 * busy), again while mounts remain: stacked mounts on one point (propagated
 * or bind mounts) come off one per round. Returns what could not be unmounted.
 */
export function unmountUnder(prefixes: readonly string[]): string[] {
  for (let round = 0; round < 10; round += 1) {
    const mounts = mountsUnder(prefixes);
    if (mounts.length === 0) return [];
    for (const point of [...new Set(mounts)].sort((a, b) => b.length - a.length)) {
      if (tryHostCommand('umount', [point]) === undefined) tryHostCommand('umount', ['-l', point]);
    }
  }
  return [...new Set(mountsUnder(prefixes))];
}

/** Deletes iptables chains of the node (and every rule that jumps to them) in every table, IPv4 and IPv6. */
export function removeNodeChains(): void {
  removeEgressGuard();
  for (const [save, binary] of [['iptables-save', 'iptables'], ['ip6tables-save', 'ip6tables']] as const) {
    const dump = tryHostCommand(save, []) ?? '';
    let table = '';
    const jumps: [string, string][] = [];
    const chains: [string, string][] = [];
    for (const line of dump.split('\n')) {
      if (line.startsWith('*')) table = line.slice(1);
      else if (line.startsWith(':')) {
        const chain = line.slice(1).split(' ')[0] ?? '';
        if (nodeChain.test(chain)) chains.push([table, chain]);
      } else if (line.startsWith('-A ')) {
        const [, chain = '', ...rest] = line.split(' ');
        const target = /-[jg] (\S+)/.exec(line)?.[1] ?? '';
        if (!nodeChain.test(chain) && nodeChain.test(target)) jumps.push([table, `${chain} ${rest.join(' ')}`]);
      }
    }
    for (const [jumpTable, rule] of jumps) tryHostCommand('sh', ['-c', `${binary} -w -t ${jumpTable} -D ${rule}`]);
    for (const [chainTable, chain] of chains) tryHostCommand(binary, ['-w', '-t', chainTable, '-F', chain]);
    for (const [chainTable, chain] of chains) tryHostCommand(binary, ['-w', '-t', chainTable, '-X', chain]);
  }
}

/** Removes an nftables table that the node's iptables calls created and that now holds no rule. */
function removeNewEmptyTables(before: HostStateBefore): void {
  for (const table of nftTables()) {
    if (before.nftTables.includes(table)) continue;
    const listing = tryHostCommand('nft', ['list', 'table', ...table.split(' ')]) ?? '';
    const hasRules = listing.split('\n').some((line) => {
      const text = line.trim();
      return text !== '' && !/^(table|chain|type|policy|})/.test(text) && !text.startsWith('}');
    });
    if (!hasRules) tryHostCommand('nft', ['delete', 'table', ...table.split(' ')]);
  }
}

/** True when a kubelet other than this node's (ended by now) runs on the host. */
function otherKubeletRuns(): boolean {
  return processIds().some((pid) => pid !== process.pid && readProc(pid, 'comm').trim() === 'kubelet');
}

/**
 * Removes this node's pod cgroups in every hierarchy, children first; the
 * kubepods/k8s.io trees themselves only when no other kubelet runs here
 * (they would be its own).
 */
export function removeNodeCgroups(kubeletRootDir: string): void {
  const podUids = ownPodUids(kubeletRootDir);
  const removeTree = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeTree(join(dir, entry.name));
    try {
      rmdirSync(dir);
    } catch {
      // Still has a process (reported by the host check), or already gone.
    }
  };
  const removeOwnPods = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (entry.name.startsWith('pod') && podUids.has(entry.name.slice(3))) removeTree(join(dir, entry.name));
      else if (entry.name === 'besteffort' || entry.name === 'burstable') removeOwnPods(join(dir, entry.name));
    }
  };
  const wholeTrees = !otherKubeletRuns();
  for (const hierarchy of readdirSync('/sys/fs/cgroup')) {
    for (const name of nodeCgroupNames) {
      const dir = join('/sys/fs/cgroup', hierarchy, name);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) continue;
      if (wholeTrees) removeTree(dir);
      else removeOwnPods(dir);
    }
  }
}

/** Which node-owned veth links remain: host ends attached to the node's bridge, or created since the node started. */
function newLinks(before: HostStateBefore): string[] {
  return linkNames().filter((name) => !before.links.includes(name) && (name.startsWith('veth') || name === nodeNetwork.bridge || name === nodeNetwork.nodeInterface));
}

function linkKind(name: string): string {
  try {
    return readlinkSync(`/sys/class/net/${name}`);
  } catch {
    return '';
  }
}

/**
 * Returns the host to the state recorded before the node started, after its
 * processes were stopped: container processes and shims killed, mounts under
 * the node's directories and the fixed host paths unmounted, network
 * interfaces, iptables chains, ipsets, empty new nftables tables and cgroup
 * trees removed, fixed host paths that did not exist removed, sysctls
 * restored. Safe to run again, and after a crash.
 */
export async function cleanUpHost(options: { nodeDir: string; containerdSocket: string; kubeletRootDir: string; before: HostStateBefore }): Promise<void> {
  const { before } = options;
  const survivors = await killNodeProcesses(options.containerdSocket, options.kubeletRootDir);
  // Pod UIDs are read from the kubelet's pods dir: remove this node's pod cgroups before unmounting and deleting it.
  removeNodeCgroups(options.kubeletRootDir);
  const stillMounted = unmountUnder([options.nodeDir, ...fixedHostPaths]);
  for (const name of newLinks(before)) if (linkKind(name).includes('virtual')) tryHostCommand('ip', ['link', 'del', name]);
  removeNodeInterfaces();
  removeNodeChains();
  for (const set of ipsetNames()) if (!before.ipsets.includes(set)) tryHostCommand('ipset', ['flush', set]);
  for (const set of ipsetNames()) if (!before.ipsets.includes(set)) tryHostCommand('ipset', ['destroy', set]);
  removeNewEmptyTables(before);
  for (const path of fixedHostPaths) if (!before.existingPaths.includes(path)) rmSync(path, { recursive: true, force: true });
  restoreSysctls(before);
  if (survivors.length > 0 || stillMounted.length > 0) {
    const what = [survivors.length > 0 ? `processes ${survivors.join(', ')} of its pods survived SIGKILL` : '', stillMounted.length > 0 ? `${stillMounted.join(', ')} stayed mounted` : ''].filter(Boolean).join('; ');
    throw new LocalClusterError('REAL_NODE_CLEANUP_INCOMPLETE', `the real node's host changes were undone except: ${what}. Look at them (ps -o pid,stat,cmd -p PID; findmnt PATH), end or unmount them, then run floe dev down again`, { category: 'not-ready' });
  }
}

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedHostPaths, ipsetNames, linkNames, nftTables, readSysctl, touchedSysctls } from '../node/host-state.js';

/** What a real node may change on the host, read in a comparable form (sorted, no counters). */
export interface HostSnapshot {
  readonly processes: readonly string[];
  readonly mounts: readonly string[];
  readonly links: readonly string[];
  readonly addresses: readonly string[];
  readonly routes: readonly string[];
  readonly iptables: readonly string[];
  readonly ip6tables: readonly string[];
  readonly nftTables: readonly string[];
  readonly ipsets: readonly string[];
  readonly cgroups: readonly string[];
  readonly sysctls: Readonly<Record<string, string | undefined>>;
  readonly paths: readonly string[];
}

// The real node's processes and its pods' (a kwok-only cluster of another test may run its control plane meanwhile).
const nodeBinaries = new Set(['kubelet', 'kube-proxy', 'kube-router', 'containerd', 'containerd-shim-runc-v2', 'coredns', 'pause', 'httpd', 'sleep', 'nc']);

const run = (command: string, args: readonly string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
};

/** Rules of an iptables-save dump without counters and comments, sorted. */
function rules(dump: string): string[] {
  return dump.split('\n').filter((line) => line !== '' && !line.startsWith('#')).map((line) => line.replace(/\[\d+:\d+\]/g, '')).sort();
}

/** Reads the host state a real node touches: processes of the node's binaries, mounts, links, addresses, routes, firewall, ipsets, top-level cgroups, sysctls, fixed paths. */
export function snapshotHost(): HostSnapshot {
  const processes = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      return nodeBinaries.has(comm) ? [comm] : [];
    } catch {
      return [];
    }
  }).sort();
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((line) => line.split(' ')[4] ?? '').filter(Boolean).sort();
  const cgroups = readdirSync('/sys/fs/cgroup').flatMap((hierarchy) => {
    try {
      return readdirSync(join('/sys/fs/cgroup', hierarchy), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `${hierarchy}/${entry.name}`);
    } catch {
      return [];
    }
  }).sort();
  const sysctls: Record<string, string | undefined> = {};
  for (const key of touchedSysctls) sysctls[key] = readSysctl(key);
  return {
    processes, mounts, links: linkNames(),
    addresses: run('ip', ['-o', 'addr', 'show']).split('\n').map((line) => line.replace(/\s+valid_lft.*$/, '').trim()).filter(Boolean).sort(),
    routes: run('ip', ['route', 'show', 'table', 'all']).split('\n').filter(Boolean).sort(),
    iptables: rules(run('iptables-save', [])), ip6tables: rules(run('ip6tables-save', [])),
    nftTables: nftTables(), ipsets: ipsetNames(), cgroups, sysctls,
    paths: fixedHostPaths.filter((path) => existsSync(path)),
  };
}

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tryHostCommand } from './host-command.js';

/** Sysctls the kubelet, kube-proxy or the CNI bridge plugin may change; restored on stop. */
export const touchedSysctls = [
  'kernel.panic', 'kernel.panic_on_oops', 'vm.overcommit_memory', 'vm.panic_on_oom',
  'kernel.keys.root_maxkeys', 'kernel.keys.root_maxbytes',
  'net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding', 'net.ipv6.conf.all.forwarding', 'net.ipv4.conf.all.route_localnet',
  'net.bridge.bridge-nf-call-iptables', 'net.bridge.bridge-nf-call-ip6tables',
] as const;

/** Host paths the kubelet, containerd and CNI use whatever their configuration says. */
export const fixedHostPaths = ['/var/lib/kubelet', '/run/containerd', '/var/lib/cni', '/run/netns', '/var/run/netns', '/etc/cni', '/opt/cni', '/var/log/pods', '/var/log/containers'] as const;

/** cgroup directories the kubelet and containerd create at the top of every hierarchy. */
export const nodeCgroupNames = ['kubepods', 'k8s.io'] as const;

/** What the host looked like before the real node started: what stop() restores and what it may remove. */
export interface HostStateBefore {
  readonly sysctls: Readonly<Record<string, string>>;
  readonly existingPaths: readonly string[];
  readonly links: readonly string[];
  readonly ipsets: readonly string[];
  /** `family name` of every nftables table. */
  readonly nftTables: readonly string[];
}

const sysctlPath = (key: string) => join('/proc/sys', ...key.split('.'));

export function readSysctl(key: string): string | undefined {
  try {
    return readFileSync(sysctlPath(key), 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function linkNames(): string[] {
  return readdirSync('/sys/class/net').sort();
}

export function ipsetNames(): string[] {
  return (tryHostCommand('ipset', ['list', '-n']) ?? '').split('\n').filter(Boolean).sort();
}

export function nftTables(): string[] {
  return (tryHostCommand('nft', ['list', 'tables']) ?? '').split('\n').map((line) => line.replace(/^table\s+/, '').trim()).filter(Boolean).sort();
}

/** Reads the host state that a real node changes. */
export function readHostStateBefore(): HostStateBefore {
  const sysctls: Record<string, string> = {};
  for (const key of touchedSysctls) {
    const value = readSysctl(key);
    if (value !== undefined) sysctls[key] = value;
  }
  return { sysctls, existingPaths: fixedHostPaths.filter((path) => existsSync(path)), links: linkNames(), ipsets: ipsetNames(), nftTables: nftTables() };
}

/**
 * Records the host state before a real node starts, unless a record is
 * already there: after a crash, the next start must restore what the host
 * had before the first one, not what the crashed node left.
 */
export function recordHostStateBefore(file: string): HostStateBefore {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as HostStateBefore;
  const state = readHostStateBefore();
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
  return state;
}

/** Writes back every recorded sysctl that now differs. */
export function restoreSysctls(before: HostStateBefore): void {
  for (const [key, value] of Object.entries(before.sysctls)) {
    if (readSysctl(key) === value) continue;
    try {
      writeFileSync(sysctlPath(key), value);
    } catch {
      // Read-only in this sandbox: nothing to restore it with.
    }
  }
}

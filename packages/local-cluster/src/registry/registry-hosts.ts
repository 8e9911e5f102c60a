import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The name pods and pushes use for the platform's registry on the local
 * cluster, as kind's local-registry guide has it: `localhost:5001/team/image:tag`.
 */
export const localRegistryHost = 'localhost';
export const localRegistryPort = 5001;
export const localRegistryName = `${localRegistryHost}:${localRegistryPort}`;

/** Where containerd fetches one registry name's images from: a plain-HTTP upstream that may pull and resolve. */
export interface RegistryHostsEntry {
  /** The name images carry (`localhost:5001`): the directory under certs.d. */
  readonly registry: string;
  /** The registry as the node reaches it, e.g. the Service's ClusterIP and port (`10.96.12.7:5000`). */
  readonly upstream: string;
}

/**
 * The hosts.toml containerd reads for `entry.registry` (its documented
 * registry-hosts format): pulls and resolves go to the upstream over plain
 * HTTP; the `server` (the name itself, reached through the host's
 * forwarder) is containerd's fallback. Push is not granted: the node only pulls.
 */
export function registryHostsToml(entry: RegistryHostsEntry): string {
  return `# Written by floe dev registry: images named ${entry.registry}/... are pulled from the platform's registry.
server = "http://${entry.registry}"

[host."http://${entry.upstream}"]
  capabilities = ["pull", "resolve"]
`;
}

/** The hosts.toml path of a registry name under containerd's `config_path`. */
export function registryHostsFile(certsDir: string, registry: string): string {
  return join(certsDir, registry, 'hosts.toml');
}

/**
 * Writes (atomically: containerd reads the file on every pull) the
 * hosts.toml of `entry` under `certsDir`; returns its path and whether it
 * changed. Writing the same entry again changes nothing.
 */
export function writeRegistryHosts(certsDir: string, entry: RegistryHostsEntry): { file: string; changed: boolean } {
  const file = registryHostsFile(certsDir, entry.registry);
  const text = registryHostsToml(entry);
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === text) return { file, changed: false };
  mkdirSync(join(certsDir, entry.registry), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
  return { file, changed: true };
}

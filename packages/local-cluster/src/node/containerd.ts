import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the node's containerd keeps its state, all under the cluster's directory. */
export interface ContainerdPaths {
  readonly root: string;
  readonly state: string;
  readonly socket: string;
  readonly config: string;
  readonly cniConfDir: string;
  /**
   * containerd's registry hosts directory (`config_path`): one
   * `<registry host>/hosts.toml` per registry, read on every pull, so
   * `floe dev registry` can add one while the node runs.
   */
  readonly certsDir: string;
}

export function containerdPaths(nodeDir: string): ContainerdPaths {
  const base = join(nodeDir, 'containerd');
  return { root: join(base, 'root'), state: join(base, 'state'), socket: join(base, 'containerd.sock'), config: join(base, 'config.toml'), cniConfDir: join(nodeDir, 'cni', 'net.d'), certsDir: join(base, 'certs.d') };
}

/**
 * Writes containerd 2.x's config (version 3) for the real node: CRI with the
 * overlayfs snapshotter, runc from Debian with cgroupfs (this host has cgroup
 * v1 and no systemd), the local pause image pinned as the sandbox image,
 * network namespaces under the state dir, CNI from `/usr/lib/cni` with the
 * conf dir of this cluster, NRI off; registry hosts from `certsDir` (the
 * hosts.toml layout containerd documents, as kind's local-registry pattern uses). `restrict_oom_score_adj`: the VM's root
 * lacks CAP_SYS_RESOURCE; without it every sandbox fails to start.
 */
export function writeContainerdConfig(paths: ContainerdPaths, options: ContainerdConfigOptions): void {
  mkdirSync(paths.root, { recursive: true });
  mkdirSync(paths.state, { recursive: true });
  mkdirSync(paths.cniConfDir, { recursive: true });
  mkdirSync(paths.certsDir, { recursive: true });
  writeFileSync(paths.config, containerdConfig(paths, options));
}

/** What the node's containerd config depends on besides its paths. */
export interface ContainerdConfigOptions {
  readonly pauseImage: string;
  readonly cniBinDir: string;
  readonly runc: string;
  readonly metricsPort: number;
}

/** The text of containerd's config.toml (version 3) for the real node: see writeContainerdConfig. */
export function containerdConfig(paths: ContainerdPaths, options: ContainerdConfigOptions): string {
  return `version = 3
root = ${JSON.stringify(paths.root)}
state = ${JSON.stringify(paths.state)}
disabled_plugins = ["io.containerd.nri.v1.nri", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]

[grpc]
  address = ${JSON.stringify(paths.socket)}

[ttrpc]
  address = ${JSON.stringify(`${paths.socket}.ttrpc`)}

[debug]
  address = ""

[metrics]
  address = "127.0.0.1:${options.metricsPort}"

[plugins."io.containerd.cri.v1.images"]
  snapshotter = "overlayfs"
  [plugins."io.containerd.cri.v1.images".pinned_images]
    sandbox = ${JSON.stringify(options.pauseImage)}
  [plugins."io.containerd.cri.v1.images".registry]
    config_path = ${JSON.stringify(paths.certsDir)}

[plugins."io.containerd.cri.v1.runtime"]
  enable_selinux = false
  restrict_oom_score_adj = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.cri.v1.runtime".cni]
    bin_dirs = [${JSON.stringify(options.cniBinDir)}]
    conf_dir = ${JSON.stringify(paths.cniConfDir)}
    max_conf_num = 1
  [plugins."io.containerd.cri.v1.runtime".containerd]
    default_runtime_name = "runc"
    [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.cri.v1.runtime".containerd.runtimes.runc.options]
        BinaryName = ${JSON.stringify(options.runc)}
        SystemdCgroup = false
`;
}

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LocalClusterError } from '../local-cluster-error.js';
import { buildScript } from '../package-root.js';

/** Paths of the local cluster's binaries (control plane, kwok, and the real node's parts). */
export interface ClusterBinaries {
  readonly dir: string;
  readonly etcd: string;
  readonly kubeApiserver: string;
  readonly kubeControllerManager: string;
  readonly kubeScheduler: string;
  readonly kubectl: string;
  readonly kwok: string;
  /** The real node's parts. */
  readonly kubelet: string;
  readonly kubeProxy: string;
  readonly containerd: string;
  readonly ctr: string;
  readonly coredns: string;
  readonly kubeRouter: string;
}


function inDir(dir: string): ClusterBinaries {
  return {
    dir,
    etcd: join(dir, 'etcd'),
    kubeApiserver: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
    kubeScheduler: join(dir, 'kube-scheduler'),
    kubectl: join(dir, 'kubectl'),
    kwok: join(dir, 'kwok'),
    kubelet: join(dir, 'kubelet'),
    kubeProxy: join(dir, 'kube-proxy'),
    containerd: join(dir, 'containerd'),
    ctr: join(dir, 'ctr'),
    coredns: join(dir, 'coredns'),
    kubeRouter: join(dir, 'kube-router'),
  };
}

/**
 * The control-plane binaries, built from the Go wrapper modules on first use
 * (cached under `$FLOE_CACHE_DIR`, default `~/.cache/floe`). `FLOE_CLUSTER_BIN_DIR`
 * points at prebuilt binaries instead. `build: false` only looks.
 */
export function clusterBinaries(options: { build?: boolean } = {}): ClusterBinaries {
  const override = process.env['FLOE_CLUSTER_BIN_DIR'];
  if (override) return inDir(override);
  const args = options.build === false ? ['--print-dir'] : [];
  let output: string;
  try {
    output = execFileSync('bash', [buildScript, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    throw new LocalClusterError('CLUSTER_BUILD_FAILED', `building the control-plane binaries failed (see the output above); rerun ${buildScript}`, { cause: error });
  }
  const dir = output.trim().split('\n').at(-1) ?? '';
  const binaries = inDir(dir);
  if (options.build !== false && !existsSync(binaries.kubeApiserver)) {
    throw new LocalClusterError('CLUSTER_BUILD_FAILED', `the build reported ${dir} but kube-apiserver is not there`);
  }
  return binaries;
}

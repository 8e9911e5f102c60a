import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { clusterBinaries } from '../binaries/cluster-binaries.js';
import { LocalClusterError } from '../local-cluster-error.js';
import { containerdPaths } from './containerd.js';
import { ensureDiskHeadroom } from './disk-headroom.js';
import { nodeDirOf } from './real-node.js';
import { hostCommand, tryHostCommand } from './host-command.js';

/** The engine that holds locally built images: docker when its engine answers, else podman. */
function imageEngine(): string {
  if (tryHostCommand('docker', ['info', '--format', '{{.ServerVersion}}']) !== undefined) return 'docker';
  if (tryHostCommand('podman', ['--version']) !== undefined) return 'podman';
  throw new LocalClusterError('IMAGE_ENGINE_MISSING', 'no docker engine answers and podman is not installed; pass an OCI or docker archive file instead, or install podman (scripts/install-podman.sh)');
}

/**
 * Puts images into the real node's containerd (namespace k8s.io, where the
 * kubelet looks), as `kind load docker-image` does: each argument is an
 * archive file (OCI layout or docker archive) or an image reference of the
 * local docker/podman store, saved as a docker archive first. Pods then use
 * it with `imagePullPolicy: IfNotPresent` or `Never`. Returns the names
 * containerd now holds for each argument. Before each import, checks that
 * the node's filesystem stays above the kubelet's eviction threshold with
 * the image in it twice (containerd keeps the layers and their unpacked
 * snapshot): NOT_ENOUGH_DISK otherwise, rather than a node that takes no pod.
 */
export function loadImages(options: { ctr: string; containerdSocket: string; dir: string }, images: readonly string[]): { image: string; names: string[] }[] {
  if (!existsSync(options.containerdSocket)) throw new LocalClusterError('REAL_NODE_NOT_RUNNING', `the real node's containerd is not running (${options.containerdSocket}); start the cluster with: floe dev up`);
  const ctr = (args: readonly string[]) => hostCommand(options.ctr, ['--address', options.containerdSocket, '--namespace', 'k8s.io', ...args]);
  const loaded: { image: string; names: string[] }[] = [];
  for (const image of images) {
    let archive = image;
    let scratch: string | undefined;
    if (!(existsSync(image) && statSync(image).isFile())) {
      const engine = imageEngine();
      scratch = mkdtempSync(join(tmpdir(), 'floe-load-'));
      archive = join(scratch, 'image.tar');
      try {
        hostCommand(engine, engine === 'podman' ? ['save', '--format', 'docker-archive', '-o', archive, image] : ['save', '-o', archive, image]);
      } catch (error) {
        rmSync(scratch, { recursive: true, force: true });
        throw new LocalClusterError('IMAGE_NOT_FOUND', `${engine} cannot save ${image}: build it first (e.g. make image) or pass an archive file`, { cause: error });
      }
    }
    try {
      ensureDiskHeadroom(containerdPaths(options.dir).root, 2 * statSync(archive).size, `loading ${image} into the real node`, { clusterDir: dirname(options.dir) });
      const known = new Set(ctr(['images', 'list', '--quiet']).split('\n'));
      ctr(['images', 'import', '--all-platforms', '--digests', archive]);
      const names = ctr(['images', 'list', '--quiet']).split('\n').filter((name) => name !== '' && !known.has(name) && !name.startsWith('import-'));
      loaded.push({ image, names });
    } finally {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    }
  }
  return loaded;
}

/** loadImages for the real node of the cluster kept in `clusterDir` (what `floe dev load` uses). */
export function loadImagesIn(clusterDir: string, images: readonly string[]): { image: string; names: string[] }[] {
  return loadImages({ ctr: clusterBinaries({ build: false }).ctr, containerdSocket: containerdPaths(nodeDirOf(clusterDir)).socket, dir: nodeDirOf(clusterDir) }, images);
}

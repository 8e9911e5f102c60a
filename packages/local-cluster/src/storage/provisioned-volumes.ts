import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { KubeClient, ResourceClient } from '@floe/kube';
import { hostPathVolumeRoot } from './volume-permissions.js';

/** How long a stopping cluster waits for its API server to list its volumes. */
const listBoundMs = 5000;

/**
 * The directories of `root` that a cluster's hostPath provisioner made for
 * its PersistentVolumes: `spec.hostPath.path` of each PersistentVolume that
 * is a direct child of `root` (nothing else, whatever a PersistentVolume
 * names, e.g. one written by hand to a host directory).
 */
export function provisionedVolumePaths(volumes: readonly { readonly [field: string]: unknown }[], root: string = hostPathVolumeRoot): string[] {
  return volumes.flatMap((volume) => {
    const path = (volume['spec'] as { hostPath?: { path?: unknown } } | undefined)?.hostPath?.path;
    return typeof path === 'string' && isVolumeDirectory(path, root) ? [resolve(path)] : [];
  });
}

function isVolumeDirectory(path: string, root: string): boolean {
  const full = resolve(path);
  return dirname(full) === resolve(root) && basename(full) !== '' && !basename(full).startsWith('.');
}

/**
 * Lists the hostPath volumes of the cluster the kubeconfig reaches, before it
 * is stopped: the provisioner's directories outlive the cluster (the path is
 * fixed in Kubernetes and shared by every local cluster on the machine), and
 * only this cluster's API server knows which of them are its own. Never
 * throws: a cluster that does not answer within 5 s leaves its volumes.
 */
export async function readProvisionedVolumes(kubeconfig: string, root: string = hostPathVolumeRoot): Promise<string[]> {
  if (!existsSync(kubeconfig)) return [];
  let given = false;
  let timer: NodeJS.Timeout | undefined;
  const read = (async () => {
    const client = await KubeClient.connect({ kubeconfig });
    try {
      // A connection made after the bound gave up is closed at once, unused.
      return given ? [] : provisionedVolumePaths((await new ResourceClient(client).list('v1', 'PersistentVolume')).items, root);
    } finally {
      client.close();
    }
  })().catch((): string[] => []);
  const bound = new Promise<string[]>((resolveBound) => { timer = setTimeout(() => resolveBound([]), listBoundMs); });
  try {
    return await Promise.race([read, bound]);
  } finally {
    given = true;
    clearTimeout(timer);
  }
}

/**
 * Removes the volume directories `paths` names once their cluster is stopped
 * (each checked again to be a direct child of `root`). Never throws (a
 * stop does not fail on a volume it could not remove, which then stays as
 * before); returns the directories that stayed.
 */
export function removeProvisionedVolumes(paths: readonly string[], root: string = hostPathVolumeRoot): string[] {
  const left: string[] = [];
  for (const path of paths) {
    if (!isVolumeDirectory(path, root)) continue;
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      left.push(path);
    }
  }
  return left;
}

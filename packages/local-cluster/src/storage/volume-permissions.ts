import { chmodSync, mkdirSync, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';

/** Where the controller-manager's hostPath provisioner creates volumes (fixed in Kubernetes). */
export const hostPathVolumeRoot = '/tmp/hostpath_pv';

/**
 * Opens each volume directory of the hostPath provisioner to every user
 * (mode 0777, as kind's local-path-provisioner creates its volumes). The
 * provisioner makes them root-owned 0750, and the kubelet applies no
 * `fsGroup` to hostPath volumes, so a non-root pod (PostgreSQL as 999,
 * MinIO as 1000) could not write its own PersistentVolume — on a cluster
 * with a CSI driver, fsGroup makes it writable. Runs as a cluster process
 * (`node volume-permissions.js`), next to the controller-manager.
 */
export function openVolumeDirectories(root: string = hostPathVolumeRoot): void {
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    try {
      const mode = statSync(path).mode;
      if ((mode & 0o777) !== 0o777 && (mode & 0o170000) === 0o040000) chmodSync(path, 0o777);
    } catch {
      // Deleted while we looked (the provisioner's deleter): nothing to open.
    }
  }
}

/** Watches `root` and opens every volume directory as it appears (and every 2 s, in case an event is missed). */
export function watchVolumeDirectories(root: string = hostPathVolumeRoot): void {
  mkdirSync(root, { recursive: true, mode: 0o755 });
  openVolumeDirectories(root);
  watch(root, () => openVolumeDirectories(root));
  setInterval(() => openVolumeDirectories(root), 2000);
}

if (process.argv[1]?.endsWith('volume-permissions.js')) watchVolumeDirectories(process.argv[2]);

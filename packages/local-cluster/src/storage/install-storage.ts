import type { ResourceClient } from '@floe/kube';

/** The default StorageClass of a local cluster: PVCs bind at once, through the controller-manager's hostPath provisioner. */
export const defaultStorageClass = 'floe-local';
/** A second class that binds only when a pod uses the claim (WaitForFirstConsumer), for tests of that case. */
export const waitForConsumerStorageClass = 'floe-local-wait';

/**
 * Installs the StorageClasses. The controller-manager runs with
 * `--enable-hostpath-provisioner`, so claims get real PersistentVolumes
 * created and bound by Kubernetes' own PV controller (no fake binding).
 */
export async function installStorage(resources: ResourceClient): Promise<void> {
  const storageClass = (name: string, bindingMode: 'Immediate' | 'WaitForFirstConsumer', isDefault: boolean) => ({
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, annotations: { 'storageclass.kubernetes.io/is-default-class': String(isDefault) } },
    provisioner: 'kubernetes.io/host-path',
    reclaimPolicy: 'Delete',
    volumeBindingMode: bindingMode,
  });
  await resources.apply(storageClass(defaultStorageClass, 'Immediate', true));
  await resources.apply(storageClass(waitForConsumerStorageClass, 'WaitForFirstConsumer', false));
}

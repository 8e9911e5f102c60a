import { loadKubeConfig } from '@floe/kube';
import type { AdminAccess } from './write-kubeconfig.js';

/**
 * The server and certificate paths of a kubeconfig that `writeKubeconfig`
 * wrote, parsed as a kubeconfig (not matched with patterns); undefined when
 * the file is missing, is not a kubeconfig or does not use certificate files.
 */
export async function readAdminAccess(kubeconfigPath: string): Promise<AdminAccess | undefined> {
  let config;
  try {
    config = await loadKubeConfig({ kubeconfig: kubeconfigPath });
  } catch {
    return undefined;
  }
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  if (!cluster?.caFile || !user?.certFile || !user.keyFile) return undefined;
  return { server: cluster.server, caCert: cluster.caFile, clientCert: user.certFile, clientKey: user.keyFile };
}

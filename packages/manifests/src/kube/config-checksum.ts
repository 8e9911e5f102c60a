import { sha256 } from '../naming/short-hash.js';
import type { KubeObject } from './kube-object.js';

/** The pod-template annotation that changes whenever the configuration a pod consumes changes. */
export const configChecksumAnnotation = 'floe.dev/config-checksum';

/**
 * SHA-256 over the name and data of every ConfigMap a pod consumes, so a
 * config change rolls the pods (Kubernetes does not restart them by itself).
 */
export function configChecksum(configs: readonly KubeObject[]): string {
  return sha256(JSON.stringify(configs.map((config) => [config.metadata.namespace, config.metadata.name, config['data']])));
}

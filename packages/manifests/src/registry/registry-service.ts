import type { Platform } from '@floe/spec';
import { ports } from '../kube/ports.js';
import { platformNames } from '../naming/platform-names.js';

/** The Service in front of a platform's in-cluster registry. */
export interface RegistryService {
  readonly namespace: string;
  readonly name: string;
  /** The registry's HTTP port on the Service. */
  readonly port: number;
}

/**
 * Where renderRegistry puts the platform's in-cluster registry, or
 * undefined when the platform has none (registry off, or an external URL).
 */
export function registryService(platform: Platform): RegistryService | undefined {
  const spec = platform.spec.registry;
  if (!spec.enabled || spec.type !== 'inCluster') return undefined;
  const names = platformNames(platform);
  return { namespace: names.platformNamespace, name: names.registry, port: ports.registry };
}

import { FloeError } from '@floe/errors';

/** `floe dev registry` was given a platform without an in-cluster registry (none, or an external URL): nothing for the node to pull from. */
export class NoPlatformRegistryError extends FloeError {
  constructor(readonly platformFile: string, readonly registry: 'disabled' | 'external') {
    super('PLATFORM_HAS_NO_REGISTRY', registry === 'external'
      ? `${platformFile} uses an external registry (spec.registry.type: external): push to it and let the node pull from it directly; floe dev registry connects an in-cluster registry only`
      : `${platformFile} has no registry (spec.registry.enabled: false): enable the in-cluster registry (spec.registry.type: inCluster) and deploy the platform`);
  }
}

import type { Platform } from '@floe/spec';
import { objectLabels, type AppIdentity, type Layer } from './labels.js';

export interface MetaInput {
  readonly name: string;
  readonly namespace: string;
  readonly app: AppIdentity;
  readonly image?: string;
  readonly layer?: Layer;
  readonly annotations?: Record<string, string>;
}

/** `metadata` of a namespaced object: name, namespace, the standard labels, optional annotations. */
export function objectMeta(platform: Platform, input: MetaInput) {
  return {
    name: input.name,
    namespace: input.namespace,
    labels: objectLabels(platform, input.app, { ...(input.image ? { image: input.image } : {}), ...(input.layer ? { layer: input.layer } : {}) }),
    ...(input.annotations && Object.keys(input.annotations).length > 0 ? { annotations: input.annotations } : {}),
  };
}

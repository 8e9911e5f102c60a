import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, persistentStorage, resourcesWithDefault, secretRef } from '../kubernetes-types.js';

/** The OCI registry for platform artifacts: in the cluster, or an external URL. */
export const registry = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('inCluster'),
      enabled: z.boolean().default(true),
      image: imageReference.default(defaultImages.registry),
      storage: persistentStorage('20Gi'),
      resources: resourcesWithDefault({ cpu: '100m', memory: '128Mi' }, { cpu: '500m', memory: '512Mi' }),
    }),
    z.strictObject({
      type: z.literal('external'),
      enabled: z.boolean().default(true),
      url: z.string().regex(/^[a-zA-Z0-9.-]+(:\d{1,5})?(\/[a-z0-9._/-]*)?$/, {
        error: 'must be a registry host with optional port and path, e.g. ghcr.io/acme',
      }),
      pullSecretRef: secretRef.optional(),
    }),
  ])
  .prefault({ type: 'inCluster' });
export type Registry = z.output<typeof registry>;

import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, persistentStorage, resourcesWithDefault, statelessServer } from '../kubernetes-types.js';

/**
 * Cube's cache. Current Cube (>= 0.36) has no Redis support: Cube Store is
 * its cache and queue, so `cubestore` is the default. `redis` exists only for
 * a pinned Cube older than 0.36, as the seed design names it.
 */
const cache = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('cubestore'),
      image: imageReference.default(defaultImages.cubestore),
      workers: z.int().min(1).max(16).default(1),
      storage: persistentStorage('10Gi'),
      resources: resourcesWithDefault({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '2Gi' }),
    }),
    z.strictObject({
      type: z.literal('redis'),
      image: imageReference.default(defaultImages.redis),
      storage: persistentStorage('2Gi'),
      resources: resourcesWithDefault({ cpu: '100m', memory: '128Mi' }, { cpu: '500m', memory: '512Mi' }),
    }),
  ])
  .prefault({ type: 'cubestore' });

/** Cube, the semantic layer: API server, refresh worker and its cache. */
export const semantic = z
  .strictObject({
    enabled: z.boolean().default(true),
    type: z.literal('cube').default('cube'),
    image: imageReference.default(defaultImages.cube),
    server: statelessServer({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
    cache,
  })
  .prefault({});
export type Semantic = z.output<typeof semantic>;

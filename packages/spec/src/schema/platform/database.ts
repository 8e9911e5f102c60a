import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, persistentStorage, resourcesWithDefault, secretKeyRef } from '../kubernetes-types.js';

/**
 * The PostgreSQL database of a service: run in the cluster as a StatefulSet
 * (its password is generated once by `floe platform deploy` and kept), or an
 * external server whose password comes from a Secret.
 */
export const postgresDatabase = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('inCluster'),
      image: imageReference.default(defaultImages.postgres),
      storage: persistentStorage('10Gi'),
      resources: resourcesWithDefault({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }),
    }),
    z.strictObject({
      type: z.literal('external'),
      host: z.string().min(1).max(253),
      port: z.int().min(1).max(65535).default(5432),
      database: z.string().min(1).max(63),
      user: z.string().min(1).max(63),
      passwordSecretRef: secretKeyRef,
      sslMode: z.enum(['disable', 'require', 'verify-ca', 'verify-full']).default('require'),
    }),
  ])
  .prefault({ type: 'inCluster' });
export type PostgresDatabase = z.output<typeof postgresDatabase>;

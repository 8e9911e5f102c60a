import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, secretRef, statelessServer } from '../kubernetes-types.js';
import { postgresDatabase } from './database.js';

/**
 * Apache Polaris, the Iceberg REST catalog, with its own PostgreSQL.
 * `credentialsSecretRef` names the Secret holding the root principal's
 * `client-id` and `client-secret`; when omitted, deploy generates one once.
 */
export const catalog = z
  .strictObject({
    enabled: z.boolean().default(true),
    type: z.literal('polaris').default('polaris'),
    image: imageReference.default(defaultImages.polaris),
    adminImage: imageReference.default(defaultImages.polarisAdmin),
    realm: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('floe'),
    server: statelessServer({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
    database: postgresDatabase,
    credentialsSecretRef: secretRef.optional(),
  })
  .prefault({});
export type Catalog = z.output<typeof catalog>;

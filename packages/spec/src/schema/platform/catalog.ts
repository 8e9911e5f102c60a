import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, secretRef, statelessServer } from '../kubernetes-types.js';
import { postgresDatabase } from './database.js';

const serverDefaults = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } as const;

/**
 * Apache Polaris, the Iceberg REST catalog, with its own PostgreSQL.
 * `credentialsSecretRef` names the Secret holding the root principal's
 * `client-id` and `client-secret`; when omitted, deploy generates one once.
 */
const polarisCatalog = z.strictObject({
  enabled: z.boolean().default(true),
  type: z.literal('polaris'),
  image: imageReference.default(defaultImages.polaris),
  adminImage: imageReference.default(defaultImages.polarisAdmin),
  realm: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('floe'),
  server: statelessServer(serverDefaults),
  database: postgresDatabase,
  credentialsSecretRef: secretRef.optional(),
});

/**
 * Apache Iceberg's own REST catalog server (the code behind the
 * `apache/iceberg-rest-fixture` image) on its own PostgreSQL (JDBC catalog)
 * and the platform's S3-compatible storage: the same Iceberg REST contract
 * as Polaris, for clusters where Polaris cannot run (the local cluster). It
 * has no authentication of its own; clients still use OAuth2 client
 * credentials (`credentialsSecretRef`, else generated) so the same step pods
 * work against Polaris.
 */
const icebergRestCatalog = z.strictObject({
  enabled: z.boolean().default(true),
  type: z.literal('iceberg-rest'),
  image: imageReference.default(defaultImages.icebergRest),
  server: statelessServer(serverDefaults),
  database: postgresDatabase,
  credentialsSecretRef: secretRef.optional(),
});

/** The Iceberg REST catalog: `polaris` (default) or `iceberg-rest`. */
export const catalog = z.preprocess(
  // `type` may be left out: Polaris is the default catalog.
  (value) => (value !== null && typeof value === 'object' && !Array.isArray(value) && !('type' in value) ? { ...value, type: 'polaris' } : value),
  z.discriminatedUnion('type', [polarisCatalog, icebergRestCatalog]),
).prefault({});
export type Catalog = z.output<typeof catalog>;
export type PolarisCatalog = z.output<typeof polarisCatalog>;
export type IcebergRestCatalog = z.output<typeof icebergRestCatalog>;

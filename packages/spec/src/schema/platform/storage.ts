import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { dnsLabel, imageReference, persistentStorage, resourcesWithDefault, secretRef } from '../kubernetes-types.js';

const bucketName = z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
  error: 'must be a bucket name: 3-63 lowercase letters, digits, "." and "-"',
});

/**
 * Object storage for tables and artifacts. `minio` runs in the cluster (its
 * root credentials are generated once by deploy unless `credentialsSecretRef`
 * is given); `s3`, `gcs` and `adls` are outside it and only configure clients.
 * Credentials Secrets hold the keys each type documents (e.g. s3:
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).
 */
export const storage = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('minio'),
      enabled: z.boolean().default(true),
      image: imageReference.default(defaultImages.minio),
      clientImage: imageReference.default(defaultImages.minioClient),
      buckets: z.array(bucketName).min(1).default(['lakehouse']),
      storage: persistentStorage('50Gi'),
      resources: resourcesWithDefault({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '2Gi' }),
      credentialsSecretRef: secretRef.optional(),
    }),
    z.strictObject({
      type: z.literal('s3'),
      enabled: z.boolean().default(true),
      bucket: bucketName,
      region: z.string().regex(/^[a-z0-9-]{2,32}$/),
      endpoint: z.url().optional(),
      pathStyle: z.boolean().default(false),
      credentialsSecretRef: secretRef.optional(),
    }),
    z.strictObject({
      type: z.literal('gcs'),
      enabled: z.boolean().default(true),
      bucket: bucketName,
      credentialsSecretRef: secretRef.optional(),
    }),
    z.strictObject({
      type: z.literal('adls'),
      enabled: z.boolean().default(true),
      account: z.string().regex(/^[a-z0-9]{3,24}$/, { error: 'must be an Azure storage account name (3-24 lowercase letters/digits)' }),
      container: dnsLabel(63),
      /** The storage account's Microsoft Entra tenant: a Polaris catalog on ADLS needs it (its AzureStorageConfigInfo). */
      tenantId: z.uuid().optional(),
      credentialsSecretRef: secretRef.optional(),
    }),
  ])
  .prefault({ type: 'minio' });
export type Storage = z.output<typeof storage>;

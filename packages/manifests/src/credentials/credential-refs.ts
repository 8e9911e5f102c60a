import type { Platform, PostgresDatabase } from '@floe/spec';
import { platformNames } from '../naming/platform-names.js';
import type { GeneratedCredential } from './generated-credential.js';

/** One key of a Secret, whether floe generates it or the user provides it. */
export interface SecretKey {
  readonly secret: string;
  readonly key: string;
}

/** Keys of the storage credentials Secret, per storage type (generated MinIO credentials use the S3 names). */
export const storageCredentialKeys = {
  minio: { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' },
  s3: { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' },
  gcs: { accessKeyId: 'HMAC_ACCESS_ID', secretAccessKey: 'HMAC_SECRET' },
  adls: { accessKeyId: 'AZURE_STORAGE_ACCOUNT_NAME', secretAccessKey: 'AZURE_STORAGE_ACCOUNT_KEY' },
} as const;

/** Keys of the catalog's client-credentials Secret: Polaris's root principal, or the iceberg-rest client (generated or `catalog.credentialsSecretRef`). */
export const catalogCredentialKeys = { clientId: 'client-id', clientSecret: 'client-secret' } as const;

/** Keys of the Grafana admin Secret (generated or `grafana.adminSecretRef`). */
export const grafanaAdminKeys = { user: 'admin-user', password: 'admin-password' } as const;

/**
 * Where every credential of the platform lives, and which of them floe
 * generates. The single source of truth for Secret names and keys: the
 * workloads reference these, `generatedCredentials` lists the ones to create.
 */
export function credentialPlan(platform: Platform) {
  const names = platformNames(platform);
  const { spec } = platform;
  const both = [names.platformNamespace, names.jobsNamespace].filter((ns, index, all) => all.indexOf(ns) === index);
  const generated: GeneratedCredential[] = [];

  const databasePassword = (database: PostgresDatabase, secret: string, purpose: string, namespaces: readonly string[]): SecretKey => {
    if (database.type === 'external') return { secret: database.passwordSecretRef.name, key: database.passwordSecretRef.key };
    generated.push({ secretName: secret, namespaces, purpose, keys: [{ key: 'password', length: 32, alphabet: 'alphanumeric' }] });
    return { secret, key: 'password' };
  };

  // Dagster's run workers run in the jobs namespace and write to its database, so they need the password too.
  const dagsterDatabase = spec.orchestrator.enabled
    ? databasePassword(spec.orchestrator.database, names.dagsterDatabase, 'Dagster PostgreSQL password', both)
    : undefined;
  const polaris = spec.catalog.enabled && spec.catalog.type === 'polaris';
  const polarisDatabase = polaris
    ? databasePassword(spec.catalog.database, names.polarisDatabase, 'Polaris PostgreSQL password', [names.platformNamespace])
    : undefined;
  const icebergRestDatabase = spec.catalog.enabled && spec.catalog.type === 'iceberg-rest'
    ? databasePassword(spec.catalog.database, names.icebergRestDatabase, 'Iceberg REST catalog PostgreSQL password', [names.platformNamespace])
    : undefined;

  let polarisTokenKey: SecretKey | undefined;
  let catalogRoot: { clientId: SecretKey; clientSecret: SecretKey } | undefined;
  let catalogSteps: { clientId: SecretKey; clientSecret: SecretKey } | undefined;
  if (spec.catalog.enabled) {
    const secret = spec.catalog.credentialsSecretRef?.name ?? (polaris ? names.polarisRoot : names.icebergRestClient);
    if (!spec.catalog.credentialsSecretRef) {
      generated.push({
        secretName: secret, namespaces: both, purpose: polaris ? 'Polaris root principal' : 'Iceberg REST catalog client credentials',
        keys: [{ key: catalogCredentialKeys.clientId, length: 16, alphabet: 'hex' }, { key: catalogCredentialKeys.clientSecret, length: 32, alphabet: 'hex' }],
      });
    }
    if (polaris) {
      generated.push({ secretName: names.polarisTokenKey, namespaces: [names.platformNamespace], purpose: 'Polaris token signing key (shared by every replica)', keys: [{ key: 'symmetric-key', length: 64, alphabet: 'hex' }] });
      polarisTokenKey = { secret: names.polarisTokenKey, key: 'symmetric-key' };
    }
    catalogRoot = { clientId: { secret, key: catalogCredentialKeys.clientId }, clientSecret: { secret, key: catalogCredentialKeys.clientSecret } };
    catalogSteps = catalogRoot;
    if (polaris) {
      // The step pods' own least-privilege principal (see polaris/catalog-bootstrap-plan.ts), never the root:
      // floe generates its credentials once; the catalog bootstrap sets them on the principal. 16 hex characters
      // is the shape of the client ids Polaris generates itself.
      generated.push({
        secretName: names.polarisSteps, namespaces: both, purpose: 'Polaris principal of the pipeline steps',
        keys: [{ key: catalogCredentialKeys.clientId, length: 16, alphabet: 'hex' }, { key: catalogCredentialKeys.clientSecret, length: 32, alphabet: 'hex' }],
      });
      catalogSteps = { clientId: { secret: names.polarisSteps, key: catalogCredentialKeys.clientId }, clientSecret: { secret: names.polarisSteps, key: catalogCredentialKeys.clientSecret } };
    }
  }

  let storage: { accessKeyId: SecretKey; secretAccessKey: SecretKey } | undefined;
  if (spec.storage.enabled) {
    const keys = storageCredentialKeys[spec.storage.type];
    const ref = spec.storage.credentialsSecretRef?.name;
    if (spec.storage.type === 'minio' && !ref) {
      generated.push({
        secretName: names.minioCredentials, namespaces: both, purpose: 'MinIO root credentials',
        keys: [{ key: keys.accessKeyId, length: 20, alphabet: 'alphanumeric' }, { key: keys.secretAccessKey, length: 40, alphabet: 'alphanumeric' }],
      });
    }
    const secret = ref ?? (spec.storage.type === 'minio' ? names.minioCredentials : undefined);
    if (secret) storage = { accessKeyId: { secret, key: keys.accessKeyId }, secretAccessKey: { secret, key: keys.secretAccessKey } };
  }

  let cubeApiSecret: SecretKey | undefined;
  let redisPassword: SecretKey | undefined;
  if (spec.semantic.enabled) {
    generated.push({ secretName: names.cubeApiSecret, namespaces: [names.platformNamespace], purpose: 'Cube API signing secret', keys: [{ key: 'api-secret', length: 64, alphabet: 'hex' }] });
    cubeApiSecret = { secret: names.cubeApiSecret, key: 'api-secret' };
    if (spec.semantic.cache.type === 'redis') {
      generated.push({ secretName: names.redis, namespaces: [names.platformNamespace], purpose: 'Cube Redis password', keys: [{ key: 'password', length: 32, alphabet: 'alphanumeric' }] });
      redisPassword = { secret: names.redis, key: 'password' };
    }
  }

  let grafanaAdmin: { user: SecretKey; password: SecretKey } | undefined;
  if (spec.observability.grafana.enabled) {
    const ref = spec.observability.grafana.adminSecretRef?.name;
    if (!ref) {
      generated.push({
        secretName: names.grafanaAdmin, namespaces: [names.platformNamespace], purpose: 'Grafana admin login',
        keys: [{ key: grafanaAdminKeys.user, length: 12, alphabet: 'alphanumeric' }, { key: grafanaAdminKeys.password, length: 32, alphabet: 'alphanumeric' }],
      });
    }
    const secret = ref ?? names.grafanaAdmin;
    grafanaAdmin = { user: { secret, key: grafanaAdminKeys.user }, password: { secret, key: grafanaAdminKeys.password } };
  }

  return { dagsterDatabase, polarisDatabase, icebergRestDatabase, polarisTokenKey, catalogRoot, catalogSteps, storage, cubeApiSecret, redisPassword, grafanaAdmin, generated };
}

export type CredentialPlan = ReturnType<typeof credentialPlan>;

/**
 * The Secrets the apply step must create once (and keep) before the platform
 * starts. floe never renders a Secret with a value.
 */
export function generatedCredentials(platform: Platform): readonly GeneratedCredential[] {
  return credentialPlan(platform).generated;
}

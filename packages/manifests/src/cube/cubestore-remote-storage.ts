import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { envFromSecret, envValue } from '../kube/container.js';
import { UnsupportedPlatformError } from '../errors.js';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';

/**
 * Env that points Cube Store's router and workers at one shared remote
 * directory in the platform's object storage (they must share it). MinIO and
 * GCS (through its S3-compatible endpoint with HMAC keys) use the MinIO
 * driver; S3 its own.
 */
export function cubestoreRemoteStorageEnv(platform: Platform): Record<string, unknown>[] {
  const storage = platformEndpoints(platform).storage;
  const credentials = credentialPlan(platform).storage;
  if (!storage) throw new UnsupportedPlatformError('Cube Store needs object storage for its shared remote directory: enable spec.storage or use semantic.cache.type redis');
  const keys = (prefix: string) => (credentials ? [
    envFromSecret(`${prefix}_ACCESS_KEY_ID`, credentials.accessKeyId.secret, credentials.accessKeyId.key),
    envFromSecret(`${prefix}_SECRET_ACCESS_KEY`, credentials.secretAccessKey.secret, credentials.secretAccessKey.key),
  ] : []);
  switch (storage.type) {
    case 'minio':
    case 'gcs':
      return [
        envValue('CUBESTORE_MINIO_SERVER_ENDPOINT', storage.endpoint),
        envValue('CUBESTORE_MINIO_BUCKET', storage.bucket),
        envValue('CUBESTORE_MINIO_SUB_PATH', 'cubestore'),
        envValue('CUBESTORE_MINIO_REGION', storage.region ?? 'auto'),
        ...keys('CUBESTORE_MINIO'),
      ];
    case 's3':
      return [
        envValue('CUBESTORE_S3_BUCKET', storage.bucket),
        envValue('CUBESTORE_S3_REGION', storage.region ?? 'us-east-1'),
        envValue('CUBESTORE_S3_SUB_PATH', 'cubestore'),
        ...keys('CUBESTORE_AWS'),
      ];
    default:
      throw new UnsupportedPlatformError(`Cube Store cannot use ${storage.type} storage as its remote directory: use semantic.cache.type redis (Cube < 0.36), or minio, s3 or gcs storage`);
  }
}

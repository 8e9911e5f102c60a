import type { Platform } from '@floe/spec';
import { UnsupportedPlatformError } from '../errors.js';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';

/**
 * The `storageConfigInfo` of a Polaris catalog (polaris-management-service.yml,
 * `StorageConfigInfo` and its S3/GCS/AZURE variants): where the catalog may
 * put table files. Only the fields floe sets.
 */
export type PolarisStorageConfig =
  | {
      readonly storageType: 'S3';
      readonly allowedLocations: readonly string[];
      readonly region: string;
      /** Custom endpoint (MinIO, an S3-compatible store): what clients and the server use. */
      readonly endpoint?: string;
      readonly pathStyleAccess: boolean;
      /** floe hands step pods static keys and sets no role ARN: Polaris must not try STS. */
      readonly stsUnavailable: true;
    }
  | { readonly storageType: 'GCS'; readonly allowedLocations: readonly string[] }
  | { readonly storageType: 'AZURE'; readonly allowedLocations: readonly string[]; readonly tenantId: string };

/** Where the warehouse's tables live and how Polaris reaches them. */
export interface CatalogStorage {
  readonly baseLocation: string;
  readonly storageConfigInfo: PolarisStorageConfig;
}

/**
 * The base location and storage configuration of the platform's catalog,
 * from its object storage: MinIO (path-style, its in-cluster endpoint), S3
 * (optionally a custom endpoint), GCS, ADLS (Polaris requires the tenant).
 */
export function catalogStorage(platform: Platform): CatalogStorage {
  const storage = platform.spec.storage;
  const endpoints = platformEndpoints(platform).storage;
  if (!storage.enabled || !endpoints) {
    throw new UnsupportedPlatformError('The Polaris catalog needs the platform\'s object storage for its tables: enable spec.storage (minio, s3, gcs or adls).');
  }
  switch (storage.type) {
    case 'minio':
    case 's3': {
      const baseLocation = `s3://${endpoints.bucket}/`;
      const custom = storage.type === 'minio' || storage.endpoint !== undefined;
      return {
        baseLocation,
        storageConfigInfo: {
          storageType: 'S3',
          allowedLocations: [baseLocation],
          region: endpoints.region ?? 'us-east-1',
          ...(custom ? { endpoint: endpoints.endpoint } : {}),
          pathStyleAccess: storage.type === 'minio' || storage.pathStyle,
          stsUnavailable: true,
        },
      };
    }
    case 'gcs': {
      const baseLocation = `gs://${storage.bucket}/`;
      return { baseLocation, storageConfigInfo: { storageType: 'GCS', allowedLocations: [baseLocation] } };
    }
    case 'adls': {
      if (!storage.tenantId) {
        throw new UnsupportedPlatformError('A Polaris catalog on ADLS needs the Azure tenant of the storage account: set spec.storage.tenantId.');
      }
      const baseLocation = `abfss://${storage.container}@${storage.account}.dfs.core.windows.net/`;
      return { baseLocation, storageConfigInfo: { storageType: 'AZURE', allowedLocations: [baseLocation], tenantId: storage.tenantId } };
    }
  }
}

import { join } from 'node:path';
import { credentialEnv, platformConfigKeys } from '@floe/manifests';
import type { Env } from './job-environment.js';

/** The DuckDB file in the work dir used when FLOE_WAREHOUSE_TYPE=duckdb and FLOE_WAREHOUSE_PATH is not set. */
export const defaultWarehouseFile = 'warehouse.duckdb';

/** Default OAuth2 scope: Polaris grants the principal's roles only for this scope; the reference REST server ignores it. */
export const defaultCatalogScope = 'PRINCIPAL_ROLE:ALL';

/** The name the catalog is attached under in DuckDB (dbt's `database`, the quality checks' default catalog). */
export const catalogAlias = 'lake';

/** Storage types whose S3 API DuckDB, pyiceberg and dlt can write Iceberg files to. */
const icebergStorageTypes = new Set(['minio', 's3']);

/** Local mode: one DuckDB file, for a step run outside any cluster. */
export interface DuckdbWarehouse {
  readonly type: 'duckdb';
  readonly path: string;
}

/** Cluster mode: Iceberg tables in the platform's REST catalog, their files in its object storage. */
export interface IcebergWarehouse {
  readonly type: 'iceberg';
  readonly catalog: {
    readonly uri: string;
    readonly warehouse: string;
    readonly oauth2ServerUri: string;
    readonly scope: string;
    readonly alias: string;
  };
  readonly storage: {
    readonly type: string;
    /** Full URL (`http://minio:9000`); absent for AWS S3's regional endpoint. */
    readonly endpoint: string | undefined;
    readonly bucket: string;
    readonly region: string;
    readonly useSsl: boolean;
    readonly urlStyle: 'path' | 'vhost';
  };
}

export type Warehouse = DuckdbWarehouse | IcebergWarehouse;

/**
 * The warehouse from the platform config: `FLOE_WAREHOUSE_TYPE` `iceberg`
 * or `duckdb`; unset, iceberg when a catalog is configured
 * (`FLOE_CATALOG_URI`), else the local DuckDB file. Pushes a problem for
 * every missing or invalid key and returns undefined when there is one.
 */
export function readWarehouse(env: Env, workDir: string, problems: string[]): Warehouse | undefined {
  const value = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const type = value(platformConfigKeys.warehouseType) ?? (value(platformConfigKeys.catalogUri) ? 'iceberg' : 'duckdb');
  if (type === 'duckdb') return { type, path: value(platformConfigKeys.warehousePath) ?? join(workDir, defaultWarehouseFile) };
  if (type !== 'iceberg') {
    problems.push(`${platformConfigKeys.warehouseType}=${type} is not supported (supported: iceberg, duckdb)`);
    return undefined;
  }

  const before = problems.length;
  const required = (name: string): string => {
    const found = value(name);
    if (found === undefined) problems.push(`${name} is not set (needed by ${platformConfigKeys.warehouseType}=iceberg)`);
    return found ?? '';
  };
  const uri = httpUrl(platformConfigKeys.catalogUri, required(platformConfigKeys.catalogUri), problems);
  const warehouse = required(platformConfigKeys.catalogWarehouse);
  required(credentialEnv.catalogClientId);
  required(credentialEnv.catalogClientSecret);
  const oauth2ServerUri = value(platformConfigKeys.catalogOauth2ServerUri);
  if (oauth2ServerUri !== undefined) httpUrl(platformConfigKeys.catalogOauth2ServerUri, oauth2ServerUri, problems);

  const storageType = required(platformConfigKeys.storageType);
  if (storageType !== '' && !icebergStorageTypes.has(storageType)) {
    problems.push(`${platformConfigKeys.storageType}=${storageType} is not supported with ${platformConfigKeys.warehouseType}=iceberg (supported: minio, s3)`);
  }
  const bucket = required(platformConfigKeys.storageBucket);
  required(credentialEnv.storageAccessKeyId);
  required(credentialEnv.storageSecretAccessKey);
  const endpointValue = storageType === 'minio' ? required(platformConfigKeys.storageEndpoint) : value(platformConfigKeys.storageEndpoint);
  const endpoint = endpointValue ? httpUrl(platformConfigKeys.storageEndpoint, endpointValue, problems) : undefined;
  if (problems.length > before) return undefined;

  return {
    type: 'iceberg',
    catalog: {
      uri: uri!.replace(/\/+$/, ''),
      warehouse,
      oauth2ServerUri: oauth2ServerUri ?? `${uri!.replace(/\/+$/, '')}/v1/oauth/tokens`,
      scope: value(platformConfigKeys.catalogOauth2Scope) ?? defaultCatalogScope,
      alias: catalogAlias,
    },
    storage: {
      type: storageType,
      endpoint: endpoint?.replace(/\/+$/, ''),
      bucket,
      region: value(platformConfigKeys.storageRegion) ?? 'us-east-1',
      useSsl: endpoint === undefined || endpoint.startsWith('https:'),
      // MinIO and other custom endpoints serve buckets by path; AWS S3 by virtual host.
      urlStyle: endpoint === undefined ? 'vhost' : 'path',
    },
  };
}

function httpUrl(name: string, raw: string, problems: string[]): string | undefined {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  problems.push(`${name}=${raw} is not an http(s) URL`);
  return undefined;
}

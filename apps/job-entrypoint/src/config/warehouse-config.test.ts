import { describe, expect, it } from 'vitest';
import { readWarehouse } from './warehouse-config.js';

const catalogEnv = {
  FLOE_CATALOG_URI: 'http://acme-data-polaris.floe-platform.svc:8181/api/catalog/',
  FLOE_CATALOG_WAREHOUSE: 'lakehouse',
  FLOE_CATALOG_CLIENT_ID: 'client',
  FLOE_CATALOG_CLIENT_SECRET: 'client-secret',
  FLOE_STORAGE_TYPE: 'minio',
  FLOE_STORAGE_ENDPOINT: 'http://acme-data-minio.floe-platform.svc:9000',
  FLOE_STORAGE_BUCKET: 'lakehouse',
  FLOE_STORAGE_ACCESS_KEY_ID: 'access-key',
  FLOE_STORAGE_SECRET_ACCESS_KEY: 'secret-key',
};

function read(env: Record<string, string>) {
  const problems: string[] = [];
  return { warehouse: readWarehouse(env, '/var/lib/floe', problems), problems };
}

describe('readWarehouse', () => {
  it('uses the catalog when one is configured and no warehouse type is given', () => {
    const { warehouse, problems } = read(catalogEnv);
    expect(problems).toEqual([]);
    expect(warehouse).toEqual({
      type: 'iceberg',
      catalog: {
        uri: 'http://acme-data-polaris.floe-platform.svc:8181/api/catalog',
        warehouse: 'lakehouse',
        oauth2ServerUri: 'http://acme-data-polaris.floe-platform.svc:8181/api/catalog/v1/oauth/tokens',
        scope: 'PRINCIPAL_ROLE:ALL',
        alias: 'lake',
      },
      storage: { type: 'minio', endpoint: 'http://acme-data-minio.floe-platform.svc:9000', bucket: 'lakehouse', region: 'us-east-1', useSsl: false, urlStyle: 'path' },
    });
  });

  it('takes the token endpoint, scope and region from the platform config when set', () => {
    const { warehouse } = read({ ...catalogEnv, FLOE_CATALOG_OAUTH2_SERVER_URI: 'https://idp.example/token', FLOE_CATALOG_OAUTH2_SCOPE: 'catalog', FLOE_STORAGE_REGION: 'eu-west-1' });
    expect(warehouse).toMatchObject({ catalog: { oauth2ServerUri: 'https://idp.example/token', scope: 'catalog' }, storage: { region: 'eu-west-1' } });
  });

  it('addresses AWS S3 by virtual host over TLS when no endpoint is given', () => {
    const { FLOE_STORAGE_ENDPOINT: _endpoint, ...env } = catalogEnv;
    const { warehouse } = read({ ...env, FLOE_STORAGE_TYPE: 's3', FLOE_STORAGE_REGION: 'eu-central-1' });
    expect(warehouse).toMatchObject({ storage: { type: 's3', endpoint: undefined, useSsl: true, urlStyle: 'vhost', region: 'eu-central-1' } });
  });

  it('keeps the local DuckDB file without a catalog, or when asked for it', () => {
    expect(read({}).warehouse).toEqual({ type: 'duckdb', path: '/var/lib/floe/warehouse.duckdb' });
    expect(read({ ...catalogEnv, FLOE_WAREHOUSE_TYPE: 'duckdb', FLOE_WAREHOUSE_PATH: '/data/w.duckdb' }).warehouse).toEqual({ type: 'duckdb', path: '/data/w.duckdb' });
  });

  it('rejects storage DuckDB cannot write Iceberg files to and URLs that are not http(s)', () => {
    const { warehouse, problems } = read({ ...catalogEnv, FLOE_STORAGE_TYPE: 'gcs', FLOE_CATALOG_URI: 'polaris:8181' });
    expect(warehouse).toBeUndefined();
    expect(problems).toEqual([
      'FLOE_CATALOG_URI=polaris:8181 is not an http(s) URL',
      'FLOE_STORAGE_TYPE=gcs is not supported with FLOE_WAREHOUSE_TYPE=iceberg (supported: minio, s3)',
    ]);
  });
});

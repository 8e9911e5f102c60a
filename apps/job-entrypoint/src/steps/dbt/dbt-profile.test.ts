import { describe, expect, it } from 'vitest';
import type { IcebergWarehouse } from '../../config/warehouse-config.js';
import { renderDbtProfile } from './dbt-profile.js';

const iceberg: IcebergWarehouse = {
  type: 'iceberg',
  catalog: { uri: 'http://catalog:8181/api/catalog', warehouse: 'lakehouse', oauth2ServerUri: 'http://catalog:8181/api/catalog/v1/oauth/tokens', scope: 'PRINCIPAL_ROLE:ALL', alias: 'lake' },
  storage: { type: 'minio', endpoint: 'http://minio:9000', bucket: 'lakehouse', region: 'us-east-1', useSsl: false, urlStyle: 'path' },
};

describe('renderDbtProfile', () => {
  it('points the floe profile target at the DuckDB warehouse', () => {
    const profile: unknown = JSON.parse(renderDbtProfile({ warehouse: { type: 'duckdb', path: '/var/lib/floe/w.duckdb' }, duckdbExtensionDir: undefined }, 'prod'));
    expect(profile).toEqual({
      floe: { target: 'prod', outputs: { prod: { type: 'duckdb', path: '/var/lib/floe/w.duckdb', schema: 'main', threads: 4 } } },
    });
  });

  it('attaches the Iceberg catalog as the target database with packaged extensions and env-only credentials', () => {
    const rendered = renderDbtProfile({ warehouse: iceberg, duckdbExtensionDir: '/opt/floe/duckdb-extensions' }, 'floe');
    const output = (JSON.parse(rendered) as { floe: { outputs: { floe: Record<string, unknown> } } }).floe.outputs.floe;
    expect(output).toMatchObject({
      path: ':memory:',
      database: 'lake',
      schema: 'main',
      config_options: { extension_directory: '/opt/floe/duckdb-extensions', autoinstall_known_extensions: false, autoload_known_extensions: false },
      extensions: ['httpfs', 'avro', 'iceberg'],
      attach: [{ path: 'lakehouse', alias: 'lake', type: 'iceberg', options: { secret: 'floe_catalog', endpoint: 'http://catalog:8181/api/catalog', access_delegation_mode: 'none' } }],
    });
    expect(output['secrets']).toEqual([
      { type: 's3', name: 'floe_storage', key_id: "{{ env_var('FLOE_STORAGE_ACCESS_KEY_ID') }}", secret: "{{ env_var('FLOE_STORAGE_SECRET_ACCESS_KEY') }}", region: 'us-east-1', endpoint: 'minio:9000', url_style: 'path', use_ssl: 'false' },
      { type: 'iceberg', name: 'floe_catalog', client_id: "{{ env_var('FLOE_CATALOG_CLIENT_ID') }}", client_secret: "{{ env_var('FLOE_CATALOG_CLIENT_SECRET') }}", oauth2_server_uri: 'http://catalog:8181/api/catalog/v1/oauth/tokens', oauth2_scope: 'PRINCIPAL_ROLE:ALL' },
    ]);
  });
});

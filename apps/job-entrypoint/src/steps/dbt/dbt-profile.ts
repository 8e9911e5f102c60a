import { credentialEnv } from '@floe/manifests';
import type { JobConfig } from '../../config/read-job-config.js';
import type { IcebergWarehouse } from '../../config/warehouse-config.js';

/** The profile name floe-job writes and passes with `--profile`; a project's `profile:` should say the same. */
export const dbtProfileName = 'floe';

/** DuckDB extensions an Iceberg warehouse needs (iceberg reads its manifests with avro, its files with httpfs). */
const icebergExtensions = ['httpfs', 'avro', 'iceberg'];

/**
 * The `profiles.yml` for `target` from the platform config. Rendered as
 * JSON, which YAML parsers accept. No credential is ever written here: the
 * secrets read them with `env_var()` when dbt starts.
 *
 * - duckdb: the DuckDB file at the warehouse path, schema `main`.
 * - iceberg: an in-memory DuckDB with the packaged extensions (never
 *   downloaded), an S3 secret for the object storage, an Iceberg secret with
 *   the OAuth2 client credentials, and the catalog attached as the target
 *   database, so sources are read from and models written to its tables.
 */
export function renderDbtProfile(config: Pick<JobConfig, 'warehouse' | 'duckdbExtensionDir'>, target: string, threads = 4): string {
  const { warehouse } = config;
  const output = warehouse.type === 'duckdb'
    ? { type: 'duckdb', path: warehouse.path, schema: 'main', threads }
    : icebergOutput(warehouse, config.duckdbExtensionDir ?? '', threads);
  return `${JSON.stringify({ [dbtProfileName]: { target, outputs: { [target]: output } } }, null, 2)}\n`;
}

function icebergOutput(warehouse: IcebergWarehouse, extensionDir: string, threads: number): Record<string, unknown> {
  const { catalog, storage } = warehouse;
  const envVar = (name: string) => `{{ env_var('${name}') }}`;
  return {
    type: 'duckdb',
    path: ':memory:',
    database: catalog.alias,
    schema: 'main',
    threads,
    config_options: { extension_directory: extensionDir, autoinstall_known_extensions: false, autoload_known_extensions: false },
    extensions: icebergExtensions,
    secrets: [
      {
        type: 's3',
        name: 'floe_storage',
        key_id: envVar(credentialEnv.storageAccessKeyId),
        secret: envVar(credentialEnv.storageSecretAccessKey),
        region: storage.region,
        ...(storage.endpoint ? { endpoint: new URL(storage.endpoint).host } : {}),
        url_style: storage.urlStyle,
        use_ssl: String(storage.useSsl),
      },
      {
        type: 'iceberg',
        name: 'floe_catalog',
        client_id: envVar(credentialEnv.catalogClientId),
        client_secret: envVar(credentialEnv.catalogClientSecret),
        oauth2_server_uri: catalog.oauth2ServerUri,
        oauth2_scope: catalog.scope,
      },
    ],
    attach: [{
      path: catalog.warehouse,
      alias: catalog.alias,
      type: 'iceberg',
      options: { secret: 'floe_catalog', endpoint: catalog.uri, access_delegation_mode: 'none' },
    }],
  };
}

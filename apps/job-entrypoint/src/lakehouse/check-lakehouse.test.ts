import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobConfigurationError } from '../config/configuration-error.js';
import type { IcebergWarehouse } from '../config/warehouse-config.js';
import { checkLakehouse, lakehouseProbeTimeoutMs } from './check-lakehouse.js';
import { InfrastructureError } from './infrastructure-error.js';

// Apache Iceberg's reference REST server (the local platform's catalog) issues a
// token to any client, so a refused credential is exercised here against an
// HTTP endpoint that answers with Polaris 1.7.0's exact bodies (apache/polaris at
// apache-polaris-1.7.0: OAuthUtils.getResponseFromError, OAuthError and
// OAuthTokenErrorResponse for the token endpoint; CatalogConfigHandler.getConfig
// and IcebergExceptionMapper for /v1/config of an unknown warehouse).
const clientSecret = 'the-right-secret';
let base = '';
function answerAsCatalog(request: IncomingMessage, response: ServerResponse): void {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, json: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
    if (url.pathname === '/v1/oauth/tokens') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials') return reply(400, { error: 'unsupported_grant_type' });
      if (!form.get('client_secret')) return reply(400, { error: 'invalid_client', error_description: 'The Client is invalid' });
      if (!form.get('scope')?.startsWith('PRINCIPAL_ROLE:')) return reply(400, { error: 'invalid_scope', error_description: 'The scope is invalid' });
      if (form.get('client_secret') !== clientSecret) return reply(401, { error: 'unauthorized_client', error_description: 'The client is not authorized' });
      return reply(200, { access_token: 'token', token_type: 'bearer', expires_in: 3600 });
    }
    if (url.pathname === '/v1/config') {
      if (request.headers.authorization !== 'Bearer token') return reply(401, { error: { code: 401, message: 'unauthorized' } });
      return url.searchParams.get('warehouse') === 'lakehouse' ? reply(200, { defaults: {}, overrides: {} }) : reply(404, { error: { message: `Unable to find warehouse ${url.searchParams.get('warehouse')}`, type: 'NotFoundException', code: 404 } });
    }
    if (url.pathname === '/lakehouse') return reply(403, {});
    reply(404, {});
  });
}
const server = createServer(answerAsCatalog);

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function lakehouse(overrides: { uri?: string; warehouse?: string; storageEndpoint?: string } = {}): IcebergWarehouse {
  const uri = overrides.uri ?? base;
  return {
    type: 'iceberg',
    catalog: { uri, warehouse: overrides.warehouse ?? 'lakehouse', oauth2ServerUri: `${uri}/v1/oauth/tokens`, scope: 'PRINCIPAL_ROLE:ALL', alias: 'lake' },
    storage: { type: 'minio', endpoint: overrides.storageEndpoint ?? base, bucket: 'lakehouse', region: 'us-east-1', useSsl: false, urlStyle: 'path' },
  };
}
const env = { FLOE_CATALOG_CLIENT_ID: 'client', FLOE_CATALOG_CLIENT_SECRET: clientSecret };

async function failureOf(promise: Promise<void>): Promise<Error> {
  return promise.then(() => { throw new Error('expected the check to fail'); }, (error: unknown) => error as Error);
}

describe('checkLakehouse', () => {
  it('passes when the catalog issues a token, knows the warehouse and the storage answers', async () => {
    await expect(checkLakehouse(lakehouse(), env)).resolves.toBeUndefined();
  });

  it('names the client credential keys when Polaris answers 401 unauthorized_client, without their values (exit 78)', async () => {
    const error = await failureOf(checkLakehouse(lakehouse(), { ...env, FLOE_CATALOG_CLIENT_SECRET: 'wrong-secret-value' }));
    expect(error).toBeInstanceOf(JobConfigurationError);
    expect(error).toMatchObject({ code: 'JOB_CONFIGURATION' });
    expect(error.message).toContain('the catalog rejected the client credentials FLOE_CATALOG_CLIENT_ID/FLOE_CATALOG_CLIENT_SECRET (HTTP 401 unauthorized_client)');
    expect(error.message).not.toContain('wrong-secret-value');
  });

  it('names the credential keys when Polaris answers 400 invalid_client to an empty secret', async () => {
    const error = await failureOf(checkLakehouse(lakehouse(), { ...env, FLOE_CATALOG_CLIENT_SECRET: '' }));
    expect(error).toBeInstanceOf(JobConfigurationError);
    expect(error.message).toContain('the catalog rejected the client credentials FLOE_CATALOG_CLIENT_ID/FLOE_CATALOG_CLIENT_SECRET (HTTP 400 invalid_client)');
  });

  it('names FLOE_CATALOG_OAUTH2_SCOPE, not the credentials, when Polaris answers 400 invalid_scope', async () => {
    const warehouse = lakehouse();
    const error = await failureOf(checkLakehouse({ ...warehouse, catalog: { ...warehouse.catalog, scope: 'catalog' } }, env));
    expect(error).toBeInstanceOf(JobConfigurationError);
    expect(error.message).toContain('the catalog rejected the OAuth2 scope FLOE_CATALOG_OAUTH2_SCOPE=catalog (HTTP 400 invalid_scope');
  });

  it('names FLOE_CATALOG_WAREHOUSE when the catalog has no such warehouse', async () => {
    const error = await failureOf(checkLakehouse(lakehouse({ warehouse: 'nowhere' }), env));
    expect(error).toBeInstanceOf(JobConfigurationError);
    expect(error.message).toContain('has no warehouse FLOE_CATALOG_WAREHOUSE=nowhere (HTTP 404: Unable to find warehouse nowhere)');
  });

  it('reports an unreachable catalog or storage as a retryable infrastructure failure', async () => {
    const closed = await new Promise<string>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    const catalog = await failureOf(checkLakehouse(lakehouse({ uri: closed }), env, lakehouseProbeTimeoutMs, 1500));
    expect(catalog).toBeInstanceOf(InfrastructureError);
    expect(catalog.message).toMatch(/^the catalog's token endpoint FLOE_CATALOG_URI=http:\/\/127\.0\.0\.1:\d+\/v1\/oauth\/tokens is unreachable \(ECONNREFUSED, for 1.5 s\)/);
    const storage = await failureOf(checkLakehouse(lakehouse({ storageEndpoint: closed }), env, lakehouseProbeTimeoutMs, 1500));
    expect(storage).toBeInstanceOf(InfrastructureError);
    expect(storage.message).toContain(`the object storage FLOE_STORAGE_ENDPOINT=${closed} is unreachable (ECONNREFUSED, for 1.5 s)`);
  });

  it('waits out a catalog that refuses a new pod\'s first connections (its network policy rules arrive a moment later)', async () => {
    const late = createServer(answerAsCatalog);
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    const opened = setTimeout(() => late.listen(port, '127.0.0.1'), 1200);
    try {
      await expect(checkLakehouse(lakehouse({ uri: `http://127.0.0.1:${port}` }), env, lakehouseProbeTimeoutMs, 10_000)).resolves.toBeUndefined();
    } finally {
      clearTimeout(opened);
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });
});


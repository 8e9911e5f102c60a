import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { stepCatalogPrivileges, stepPrincipalName, type CatalogBootstrapPlan } from '@floe/manifests';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bootstrapPolarisCatalog } from './bootstrap-polaris-catalog.js';
import { PolarisBootstrapError } from './polaris-bootstrap-error.js';

// Polaris cannot run here: this HTTP endpoint keeps the state of the entities and answers as Polaris 1.7.0
// does (apache/polaris at apache-polaris-1.7.0): 201 on create, 409 AlreadyExistsException when the entity
// exists (PolarisAdminService + IcebergExceptionMapper), 200 with the new credentials on reset, 401
// unauthorized_client for credentials it does not know (JWTBroker, OAuthUtils).
const root = { clientId: 'root0000root0000', clientSecret: 'root-secret' };
const steps = { clientId: '0123456789abcdef', clientSecret: 'steps-secret-from-the-generated-secret' };
interface State {
  catalogs: Map<string, unknown>;
  principals: Map<string, { clientId: string; clientSecret: string; roles: Set<string> }>;
  principalRoles: Map<string, Set<string>>;
  catalogRoles: Map<string, Set<string>>;
  calls: string[];
  /** Token requests of the root principal still to refuse: the realm bootstrap Job has not set its credentials yet. */
  rootRefusals: number;
}
let state: State;
/** The fields of the management API's request bodies this endpoint reads. */
interface RequestBody {
  catalog: { name: string };
  principal: { name: string };
  principalRole: { name: string };
  catalogRole: { name: string };
  grant: { privilege: string };
  clientId: string;
  clientSecret: string;
}
const fresh = (): State => ({ catalogs: new Map(), principals: new Map(), principalRoles: new Map(), catalogRoles: new Map(), calls: [], rootRefusals: 0 });

function answerAsPolaris(request: IncomingMessage, response: ServerResponse): void {
  let text = '';
  request.on('data', (chunk: Buffer) => (text += chunk.toString()));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const reply = (status: number, json?: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(json === undefined ? '' : JSON.stringify(json));
    const exists = (what: string) => reply(409, { error: { message: `Cannot create ${what}. ${what} already exists or resolution failed`, type: 'AlreadyExistsException', code: 409 } });
    state.calls.push(`${request.method} ${url.pathname}`);
    if (url.pathname === '/api/catalog/v1/oauth/tokens') {
      const form = new URLSearchParams(text);
      if (form.get('client_id') === root.clientId && state.rootRefusals > 0) {
        state.rootRefusals -= 1;
        return reply(401, { error: 'unauthorized_client', error_description: 'The client is not authorized' });
      }
      const known = [root, ...[...state.principals.values()]].some((p) => p.clientId === form.get('client_id') && p.clientSecret === form.get('client_secret'));
      return known ? reply(200, { access_token: `t-${form.get('client_id')}`, token_type: 'bearer' }) : reply(401, { error: 'unauthorized_client', error_description: 'The client is not authorized' });
    }
    if (url.pathname === '/api/catalog/v1/config') return state.catalogs.has(url.searchParams.get('warehouse') ?? '') ? reply(200, { defaults: {}, overrides: {} }) : reply(404, {});
    if (request.headers.authorization !== `Bearer t-${root.clientId}`) return reply(403, {});
    const body = (text ? JSON.parse(text) : {}) as RequestBody;
    const path = url.pathname.replace('/api/management/v1', '');
    const parts = path.split('/').map(decodeURIComponent);
    if (request.method === 'POST' && path === '/catalogs') {
      if (state.catalogs.has(body.catalog.name)) return exists(`Catalog ${body.catalog.name}`);
      state.catalogs.set(body.catalog.name, body.catalog);
      return reply(201, body.catalog);
    }
    if (request.method === 'GET' && parts[1] === 'catalogs' && parts.length === 3) return reply(200, state.catalogs.get(parts[2]!));
    if (request.method === 'POST' && path === '/principals') {
      if (state.principals.has(body.principal.name)) return exists(`Principal ${body.principal.name}`);
      state.principals.set(body.principal.name, { clientId: 'generated0000000', clientSecret: 'generated-by-polaris', roles: new Set() });
      return reply(201, { principal: body.principal, credentials: { clientId: 'generated0000000', clientSecret: 'generated-by-polaris' } });
    }
    if (request.method === 'POST' && parts[1] === 'principals' && parts[3] === 'reset') {
      const principal = state.principals.get(parts[2]!)!;
      Object.assign(principal, { clientId: body.clientId, clientSecret: body.clientSecret });
      return reply(200, { principal: { name: parts[2] }, credentials: { clientId: body.clientId, clientSecret: body.clientSecret } });
    }
    if (request.method === 'POST' && path === '/principal-roles') {
      if (state.principalRoles.has(body.principalRole.name)) return exists(`PrincipalRole ${body.principalRole.name}`);
      state.principalRoles.set(body.principalRole.name, new Set());
      return reply(201, body.principalRole);
    }
    if (request.method === 'POST' && parts[3] === 'catalog-roles') {
      if (state.catalogRoles.has(body.catalogRole.name)) return exists(`CatalogRole ${body.catalogRole.name}`);
      state.catalogRoles.set(body.catalogRole.name, new Set());
      return reply(201, body.catalogRole);
    }
    if (parts[3] === 'catalog-roles' && parts[5] === 'grants') {
      const grants = state.catalogRoles.get(parts[4]!)!;
      if (request.method === 'GET') return reply(200, { grants: [...grants].map((privilege) => ({ type: 'catalog', privilege })) });
      grants.add(body.grant.privilege);
      return reply(201);
    }
    if (parts[1] === 'principal-roles' && parts[3] === 'catalog-roles') {
      const assigned = state.principalRoles.get(parts[2]!)!;
      if (request.method === 'GET') return reply(200, { roles: [...assigned].map((name) => ({ name })) });
      assigned.add(body.catalogRole.name);
      return reply(201);
    }
    if (parts[1] === 'principals' && parts[3] === 'principal-roles') {
      const principal = state.principals.get(parts[2]!)!;
      if (request.method === 'GET') return reply(200, { roles: [...principal.roles].map((name) => ({ name })) });
      principal.roles.add(body.principalRole.name);
      return reply(201);
    }
    reply(404, {});
  });
}

const server = createServer(answerAsPolaris);
let plan: CatalogBootstrapPlan;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  plan = {
    catalogUri: `${base}/api/catalog`, managementUri: `${base}/api/management/v1`, catalog: 'lakehouse', baseLocation: 's3://lakehouse/',
    storageConfigInfo: { storageType: 'S3', allowedLocations: ['s3://lakehouse/'], region: 'us-east-1', endpoint: 'http://minio:9000', pathStyleAccess: true, stsUnavailable: true },
    principal: stepPrincipalName, principalRole: stepPrincipalName, catalogRole: stepPrincipalName, privileges: stepCatalogPrivileges,
  };
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => { state = fresh(); });

const mutations = () => state.calls.filter((call) => /^(PUT|POST) \/api\/management/.test(call) && !/\/(catalogs|principals|principal-roles|catalog-roles)$/.test(call));
const logs: string[] = [];
const options = { log: (message: string, fields?: Readonly<Record<string, unknown>>) => logs.push(`${message} ${JSON.stringify(fields ?? {})}`), readyWindowMs: 5000, refusedGraceMs: 1500 };

describe('bootstrapPolarisCatalog', () => {
  it('creates the catalog, the steps\' principal with the generated Secret\'s credentials, its roles and grants', async () => {
    const report = await bootstrapPolarisCatalog(plan, { root, steps }, options);
    expect(report.created).toEqual(['catalog lakehouse', 'principal floe-pipeline-steps', 'principal role floe-pipeline-steps', 'catalog role floe-pipeline-steps']);
    expect(report.credentialsSet).toBe(true);
    expect(state.principals.get('floe-pipeline-steps')).toMatchObject({ ...steps, roles: new Set(['floe-pipeline-steps']) });
    expect([...state.catalogRoles.get('floe-pipeline-steps')!]).toEqual(plan.privileges);
    expect(state.principalRoles.get('floe-pipeline-steps')).toEqual(new Set(['floe-pipeline-steps']));
    expect(logs.join('\n')).not.toMatch(/steps-secret|generated-by-polaris|root-secret/);
  });

  it('changes nothing and never resets credentials when run again (409 = exists, then verified)', async () => {
    await bootstrapPolarisCatalog(plan, { root, steps }, options);
    state.calls = [];
    const again = await bootstrapPolarisCatalog(plan, { root, steps }, options);
    expect(again).toEqual({ created: [], credentialsSet: false, grantsAdded: [], assigned: [] });
    expect(mutations()).toEqual([]);
  });

  it('sets the Secret\'s credentials on an existing principal whose credentials do not work (a run cut off after the create)', async () => {
    await bootstrapPolarisCatalog(plan, { root, steps }, options);
    Object.assign(state.principals.get('floe-pipeline-steps')!, { clientId: 'generated0000000', clientSecret: 'generated-by-polaris' });
    const repaired = await bootstrapPolarisCatalog(plan, { root, steps }, options);
    expect(repaired.credentialsSet).toBe(true);
    expect(state.principals.get('floe-pipeline-steps')).toMatchObject(steps);
  });

  it('refuses to adopt an existing catalog on another location', async () => {
    state.catalogs.set('lakehouse', { name: 'lakehouse', type: 'INTERNAL', properties: { 'default-base-location': 's3://elsewhere/' }, storageConfigInfo: { storageType: 'S3' } });
    const error = (await bootstrapPolarisCatalog(plan, { root, steps }, options).then(() => undefined, (caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(PolarisBootstrapError);
    expect(error.message).toContain('Polaris already has a catalog lakehouse on S3 s3://elsewhere/, not on the platform\'s storage (S3 s3://lakehouse/)');
  });

  it('fails with the root credentials named when Polaris refuses them past the grace, without waiting out the whole window', async () => {
    const started = Date.now();
    const error = (await bootstrapPolarisCatalog(plan, { root: { ...root, clientSecret: 'wrong' }, steps }, options).then(() => undefined, (caught: unknown) => caught)) as Error;
    expect(error).toBeInstanceOf(PolarisBootstrapError);
    expect(error.message).toContain('Polaris refused the root principal\'s credentials (HTTP 401 unauthorized_client)');
    expect(error.message).toContain('the realm bootstrap Job sets them');
    expect(state.calls.filter((call) => call.endsWith('/oauth/tokens')).length).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(options.readyWindowMs);
  });

  it('waits while Polaris refuses the root credentials the realm bootstrap has not set yet, then bootstraps', async () => {
    state.rootRefusals = 1;
    const report = await bootstrapPolarisCatalog(plan, { root, steps }, options);
    expect(state.rootRefusals).toBe(0);
    expect(report.created).toContain('catalog lakehouse');
  });
});

import type { Platform } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { examplePlatform } from '../../test/fixtures.js';
import { catalogPrivileges, operations, storageConfigInfo, type SchemaFact } from '../../test/polaris/management-api-facts.js';
import { catalogBootstrapPlan } from './catalog-bootstrap-plan.js';
import { managementRequests, type ManagementRequest } from './management-requests.js';

/** Problems of `value` against `schema` (the subset in management-api-facts.ts). */
function violations(value: unknown, schema: SchemaFact, at = '$'): string[] {
  if (schema.type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at} is not an object`];
    const object = value as Record<string, unknown>;
    const problems = (schema.required ?? []).filter((key) => !(key in object)).map((key) => `${at}.${key} is required`);
    for (const [key, child] of Object.entries(object)) {
      const fact = schema.properties?.[key];
      if (fact) problems.push(...violations(child, fact, `${at}.${key}`));
      else if (schema.stringMap) { if (typeof child !== 'string') problems.push(`${at}.${key} is not a string`); }
      else if (schema.properties) problems.push(`${at}.${key} is not in the spec`);
    }
    return problems;
  }
  if (schema.type === 'array') return Array.isArray(value) ? value.flatMap((item, index) => violations(item, schema.items!, `${at}[${index}]`)) : [`${at} is not an array`];
  if (schema.type && typeof value !== schema.type) return [`${at} is not a ${schema.type}`];
  if (schema.enum && !schema.enum.includes(value as string)) return [`${at}=${String(value)} is not one of the spec's values`];
  return [];
}

function check(request: ManagementRequest): string[] {
  const operation = operations[request.operationId];
  if (!operation) return [`${request.operationId} is no operation of the spec`];
  const pathPattern = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  const problems = [
    ...(request.method === operation.method ? [] : [`${request.operationId} is ${operation.method}, not ${request.method}`]),
    ...(pathPattern.test(request.path) ? [] : [`${request.path} does not match ${operation.path}`]),
    ...(operation.body ? violations(request.body, operation.body) : request.body === undefined ? [] : ['sends a body the operation does not take']),
  ];
  if (request.operationId === 'createCatalog') {
    const storage = (request.body as { catalog: { storageConfigInfo: { storageType: string } } }).catalog.storageConfigInfo;
    problems.push(...violations(storage, storageConfigInfo[storage.storageType] ?? { enum: [] }, '$.catalog.storageConfigInfo'));
  }
  return problems;
}

function allRequests(platform: Platform): ManagementRequest[] {
  const requests = managementRequests(catalogBootstrapPlan(platform)!);
  return Object.values(requests).flatMap((entry) => (typeof entry === 'function' ? [entry('0123456789abcdef', 'secret'), entry('TABLE_LIST', 'unused')] : [entry]))
    .filter((request) => request.operationId !== 'addGrantToCatalogRole' || (request.body as { grant: { privilege: string } }).grant.privilege !== '0123456789abcdef')
    .filter((request) => request.operationId !== 'resetCredentials' || (request.body as { clientId: string }).clientId !== 'TABLE_LIST');
}

const withStorage = (storage: Record<string, unknown>): Platform => {
  const platform = examplePlatform();
  return { ...platform, spec: { ...platform.spec, storage: storage as Platform['spec']['storage'] } };
};

describe('the catalog bootstrap\'s management API calls, against Polaris 1.7.0\'s OpenAPI (polaris-management-service.yml)', () => {
  it.each([
    ['MinIO', examplePlatform()],
    ['S3 with a custom endpoint', withStorage({ type: 's3', enabled: true, bucket: 'tables', region: 'eu-west-1', endpoint: 'https://s3.example.com', pathStyle: true })],
    ['AWS S3', withStorage({ type: 's3', enabled: true, bucket: 'tables', region: 'eu-west-1', pathStyle: false })],
    ['GCS', withStorage({ type: 'gcs', enabled: true, bucket: 'tables' })],
    ['ADLS', withStorage({ type: 'adls', enabled: true, account: 'acme', container: 'tables', tenantId: '2f0c9a3e-4b5d-4e6f-8a7b-9c0d1e2f3a4b' })],
  ])('sends bodies, methods and paths the spec defines, on %s', (_name, platform) => {
    expect(allRequests(platform).flatMap(check)).toEqual([]);
  });

  it('catches a body the spec does not define (the checker can fail)', () => {
    expect(check({ operationId: 'createCatalog', method: 'POST', path: '/catalogs', body: { catalog: { type: 'MANAGED', name: 'x', properties: {}, storageConfigInfo: { storageType: 'S3', pathStyle: true } } } })).toEqual([
      '$.catalog.type=MANAGED is not one of the spec\'s values',
      '$.catalog.properties.default-base-location is required',
      '$.catalog.storageConfigInfo.pathStyle is not in the spec',
    ]);
  });

  it('creates an INTERNAL catalog named after the warehouse on the MinIO bucket, path-style, at its in-cluster endpoint, without STS', () => {
    expect(managementRequests(catalogBootstrapPlan(examplePlatform())!).createCatalog.body).toEqual({
      catalog: {
        type: 'INTERNAL', name: 'lakehouse', properties: { 'default-base-location': 's3://lakehouse/' },
        storageConfigInfo: { storageType: 'S3', allowedLocations: ['s3://lakehouse/'], region: 'us-east-1', endpoint: 'http://acme-data-minio.floe-platform.svc:9000', pathStyleAccess: true, stsUnavailable: true },
      },
    });
  });

  it('grants the steps only content privileges of the spec\'s CatalogPrivilege, none that manages access or the catalog', () => {
    const { privileges } = catalogBootstrapPlan(examplePlatform())!;
    for (const privilege of privileges) expect(catalogPrivileges).toContain(privilege);
    expect(privileges.filter((privilege) => /MANAGE|CATALOG_|NAMESPACE_DROP|POLICY/.test(privilege))).toEqual([]);
  });
});

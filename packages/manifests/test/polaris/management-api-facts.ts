/**
 * The few facts of Polaris's management API the catalog bootstrap relies on,
 * written down by hand from apache/polaris `spec/polaris-management-service.yml`
 * at tag apache-polaris-1.7.0 (commit 4ac2f059d1cce149453d0a5f1ff1dff980ec97cc),
 * as a JSON-Schema subset: `type`, `required`, `properties`, `enum`. Objects list
 * every property the spec defines for them, so a field floe invents is caught.
 * Not a copy of the spec: only what floe sends.
 */
export interface SchemaFact {
  readonly type?: 'object' | 'string' | 'boolean' | 'array';
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, SchemaFact>>;
  /** Free-form string maps (`additionalProperties: {type: string}`). */
  readonly stringMap?: true;
  readonly items?: SchemaFact;
  readonly enum?: readonly string[];
}

const string: SchemaFact = { type: 'string' };
const boolean: SchemaFact = { type: 'boolean' };
const strings: SchemaFact = { type: 'array', items: string };
const storageCommon = { storageType: { type: 'string', enum: ['S3', 'GCS', 'AZURE', 'FILE'] }, allowedLocations: strings, storageName: string } as const;

/** StorageConfigInfo by its `storageType` discriminator (AwsStorageConfigInfo, GcpStorageConfigInfo, AzureStorageConfigInfo). */
export const storageConfigInfo: Readonly<Record<string, SchemaFact>> = {
  S3: {
    type: 'object', required: ['storageType'],
    properties: {
      ...storageCommon, roleArn: string, externalId: string, userArn: string, currentKmsKey: string, allowedKmsKeys: strings,
      region: string, endpoint: string, stsEndpoint: string, stsUnavailable: boolean, endpointInternal: string, pathStyleAccess: boolean, kmsUnavailable: boolean,
    },
  },
  GCS: { type: 'object', required: ['storageType'], properties: { ...storageCommon, gcsServiceAccount: string } },
  AZURE: { type: 'object', required: ['storageType', 'tenantId'], properties: { ...storageCommon, tenantId: string, multiTenantAppName: string, consentUrl: string, hierarchical: boolean } },
};

/** `CatalogPrivilege` enum values. */
export const catalogPrivileges = [
  'CATALOG_MANAGE_ACCESS', 'CATALOG_MANAGE_CONTENT', 'CATALOG_MANAGE_METADATA', 'CATALOG_READ_PROPERTIES', 'CATALOG_WRITE_PROPERTIES',
  'NAMESPACE_CREATE', 'TABLE_CREATE', 'VIEW_CREATE', 'NAMESPACE_DROP', 'TABLE_DROP', 'VIEW_DROP', 'NAMESPACE_LIST', 'TABLE_LIST', 'VIEW_LIST',
  'NAMESPACE_READ_PROPERTIES', 'TABLE_READ_PROPERTIES', 'VIEW_READ_PROPERTIES', 'NAMESPACE_WRITE_PROPERTIES', 'TABLE_WRITE_PROPERTIES',
  'VIEW_WRITE_PROPERTIES', 'TABLE_READ_DATA', 'TABLE_WRITE_DATA', 'NAMESPACE_FULL_METADATA', 'TABLE_FULL_METADATA', 'VIEW_FULL_METADATA',
  'POLICY_CREATE', 'POLICY_WRITE', 'POLICY_READ', 'POLICY_DROP', 'POLICY_LIST', 'POLICY_FULL_METADATA', 'CATALOG_ATTACH_POLICY',
  'CATALOG_DETACH_POLICY', 'TABLE_ASSIGN_UUID', 'TABLE_UPGRADE_FORMAT_VERSION', 'TABLE_ADD_SCHEMA', 'TABLE_SET_CURRENT_SCHEMA',
  'TABLE_ADD_PARTITION_SPEC', 'TABLE_ADD_SORT_ORDER', 'TABLE_SET_DEFAULT_SORT_ORDER', 'TABLE_ADD_SNAPSHOT', 'TABLE_SET_SNAPSHOT_REF',
  'TABLE_REMOVE_SNAPSHOTS', 'TABLE_REMOVE_SNAPSHOT_REF', 'TABLE_SET_LOCATION', 'TABLE_SET_PROPERTIES', 'TABLE_REMOVE_PROPERTIES',
  'TABLE_SET_STATISTICS', 'TABLE_REMOVE_STATISTICS', 'TABLE_REMOVE_PARTITION_SPECS', 'TABLE_MANAGE_STRUCTURE',
] as const;

const named = (extra: Record<string, SchemaFact> = {}): SchemaFact => ({ type: 'object', required: ['name'], properties: { name: string, properties: { type: 'object', stringMap: true }, ...extra } });

/** Each operation: method, path template under /api/management/v1, success status, request body schema (storageConfigInfo checked per type). */
export const operations: Readonly<Record<string, { method: string; path: string; success: number; body?: SchemaFact }>> = {
  createCatalog: {
    method: 'POST', path: '/catalogs', success: 201,
    body: {
      type: 'object', required: ['catalog'],
      properties: {
        catalog: {
          type: 'object', required: ['name', 'type', 'storageConfigInfo', 'properties'],
          properties: {
            type: { type: 'string', enum: ['INTERNAL', 'EXTERNAL'] }, name: string,
            properties: { type: 'object', required: ['default-base-location'], properties: { 'default-base-location': string }, stringMap: true },
            storageConfigInfo: { type: 'object' },
          },
        },
      },
    },
  },
  getCatalog: { method: 'GET', path: '/catalogs/{catalogName}', success: 200 },
  createPrincipal: { method: 'POST', path: '/principals', success: 201, body: { type: 'object', properties: { principal: named({ clientId: string }), credentialRotationRequired: boolean } } },
  resetCredentials: { method: 'POST', path: '/principals/{principalName}/reset', success: 200, body: { type: 'object', properties: { clientId: string, clientSecret: string } } },
  createPrincipalRole: { method: 'POST', path: '/principal-roles', success: 201, body: { type: 'object', properties: { principalRole: named({ federated: boolean }) } } },
  createCatalogRole: { method: 'POST', path: '/catalogs/{catalogName}/catalog-roles', success: 201, body: { type: 'object', properties: { catalogRole: named() } } },
  listGrantsForCatalogRole: { method: 'GET', path: '/catalogs/{catalogName}/catalog-roles/{catalogRoleName}/grants', success: 200 },
  addGrantToCatalogRole: {
    method: 'PUT', path: '/catalogs/{catalogName}/catalog-roles/{catalogRoleName}/grants', success: 201,
    body: { type: 'object', properties: { grant: { type: 'object', required: ['type', 'privilege'], properties: { type: { type: 'string', enum: ['catalog', 'namespace', 'table', 'view', 'policy'] }, privilege: { type: 'string', enum: catalogPrivileges } } } } },
  },
  listCatalogRolesForPrincipalRole: { method: 'GET', path: '/principal-roles/{principalRoleName}/catalog-roles/{catalogName}', success: 200 },
  assignCatalogRoleToPrincipalRole: { method: 'PUT', path: '/principal-roles/{principalRoleName}/catalog-roles/{catalogName}', success: 201, body: { type: 'object', properties: { catalogRole: named() } } },
  listPrincipalRolesAssigned: { method: 'GET', path: '/principals/{principalName}/principal-roles', success: 200 },
  assignPrincipalRole: { method: 'PUT', path: '/principals/{principalName}/principal-roles', success: 201, body: { type: 'object', properties: { principalRole: named({ federated: boolean }) } } },
};

import type { CatalogBootstrapPlan } from './catalog-bootstrap-plan.js';

/** One call of Polaris's management API: path relative to `/api/management/v1`. */
export interface ManagementRequest {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PUT';
  readonly path: string;
  readonly body?: unknown;
}

const segment = encodeURIComponent;

/**
 * The management API calls of the catalog bootstrap, in order, with their
 * bodies as polaris-management-service.yml defines them (operationIds
 * named after it). Creates answer 201, or 409 when the entity exists;
 * the list calls let the bootstrap add only what is missing.
 */
export function managementRequests(plan: CatalogBootstrapPlan) {
  const catalog = segment(plan.catalog);
  const catalogRole = segment(plan.catalogRole);
  const principal = segment(plan.principal);
  const principalRole = segment(plan.principalRole);
  return {
    createCatalog: {
      operationId: 'createCatalog', method: 'POST', path: '/catalogs',
      body: {
        catalog: {
          type: 'INTERNAL',
          name: plan.catalog,
          properties: { 'default-base-location': plan.baseLocation },
          storageConfigInfo: plan.storageConfigInfo,
        },
      },
    },
    getCatalog: { operationId: 'getCatalog', method: 'GET', path: `/catalogs/${catalog}` },
    createPrincipal: {
      operationId: 'createPrincipal', method: 'POST', path: '/principals',
      body: { principal: { name: plan.principal, properties: { 'managed-by': 'floe' } }, credentialRotationRequired: false },
    },
    /** Sets the principal's credentials to floe's generated ones (the Secret is the source of truth). */
    resetCredentials: (clientId: string, clientSecret: string): ManagementRequest => ({
      operationId: 'resetCredentials', method: 'POST', path: `/principals/${principal}/reset`, body: { clientId, clientSecret },
    }),
    createPrincipalRole: {
      operationId: 'createPrincipalRole', method: 'POST', path: '/principal-roles',
      body: { principalRole: { name: plan.principalRole, properties: { 'managed-by': 'floe' } } },
    },
    createCatalogRole: {
      operationId: 'createCatalogRole', method: 'POST', path: `/catalogs/${catalog}/catalog-roles`,
      body: { catalogRole: { name: plan.catalogRole, properties: { 'managed-by': 'floe' } } },
    },
    listGrantsForCatalogRole: { operationId: 'listGrantsForCatalogRole', method: 'GET', path: `/catalogs/${catalog}/catalog-roles/${catalogRole}/grants` },
    addGrantToCatalogRole: (privilege: string): ManagementRequest => ({
      operationId: 'addGrantToCatalogRole', method: 'PUT', path: `/catalogs/${catalog}/catalog-roles/${catalogRole}/grants`,
      body: { grant: { type: 'catalog', privilege } },
    }),
    listCatalogRolesForPrincipalRole: { operationId: 'listCatalogRolesForPrincipalRole', method: 'GET', path: `/principal-roles/${principalRole}/catalog-roles/${catalog}` },
    assignCatalogRoleToPrincipalRole: {
      operationId: 'assignCatalogRoleToPrincipalRole', method: 'PUT', path: `/principal-roles/${principalRole}/catalog-roles/${catalog}`,
      body: { catalogRole: { name: plan.catalogRole } },
    },
    listPrincipalRolesAssigned: { operationId: 'listPrincipalRolesAssigned', method: 'GET', path: `/principals/${principal}/principal-roles` },
    assignPrincipalRole: {
      operationId: 'assignPrincipalRole', method: 'PUT', path: `/principals/${principal}/principal-roles`,
      body: { principalRole: { name: plan.principalRole } },
    },
  } satisfies Record<string, ManagementRequest | ((...args: string[]) => ManagementRequest)>;
}

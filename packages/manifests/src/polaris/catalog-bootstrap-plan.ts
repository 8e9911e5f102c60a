import type { Platform } from '@floe/spec';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';
import { catalogStorage, type PolarisStorageConfig } from './catalog-storage-config.js';
import { stepCatalogPrivileges, type StepCatalogPrivilege } from './step-principal-grants.js';

/** Name of the steps' principal, its principal role and its catalog role in Polaris. */
export const stepPrincipalName = 'floe-pipeline-steps';

/**
 * What the catalog bootstrap makes exist in Polaris, through its management
 * API: the warehouse (an INTERNAL catalog on the platform's storage) and the
 * pipeline steps' least-privilege principal (principal -> principal role ->
 * catalog role with content privileges). No secret in it: it travels in the
 * bootstrap Job's env; the credentials come from Secrets.
 */
export interface CatalogBootstrapPlan {
  /** `<FLOE_CATALOG_URI>`: Polaris's Iceberg REST API (the token endpoint hangs off it). */
  readonly catalogUri: string;
  /** Polaris's management API base (`/api/management/v1`). */
  readonly managementUri: string;
  readonly catalog: string;
  readonly baseLocation: string;
  readonly storageConfigInfo: PolarisStorageConfig;
  readonly principal: string;
  readonly principalRole: string;
  readonly catalogRole: string;
  readonly privileges: readonly StepCatalogPrivilege[];
}

/** The catalog bootstrap of a Polaris platform; undefined when the platform has no Polaris catalog. */
export function catalogBootstrapPlan(platform: Platform): CatalogBootstrapPlan | undefined {
  const { catalog } = platform.spec;
  if (!catalog.enabled || catalog.type !== 'polaris') return undefined;
  const endpoints = platformEndpoints(platform);
  const storage = catalogStorage(platform);
  return {
    catalogUri: endpoints.catalogUri!,
    managementUri: endpoints.catalogManagementUri!,
    catalog: endpoints.catalogWarehouse!,
    baseLocation: storage.baseLocation,
    storageConfigInfo: storage.storageConfigInfo,
    principal: stepPrincipalName,
    principalRole: stepPrincipalName,
    catalogRole: stepPrincipalName,
    privileges: stepCatalogPrivileges,
  };
}

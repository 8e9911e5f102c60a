/**
 * The catalog privileges of the pipeline steps' principal (Polaris
 * `CatalogPrivilege`s granted on the catalog, inherited by its namespaces
 * and tables), and why each is needed. Content only: nothing that manages
 * access (CATALOG_MANAGE_ACCESS), the catalog's properties or namespace drops.
 * Operation -> privilege as Polaris maps them (RbacOperationSemantics.java).
 */
export const stepCatalogPrivileges = [
  // dlt and the catalog attach of DuckDB list and create the datasets' namespaces (raw, marts, ...).
  'NAMESPACE_LIST',
  'NAMESPACE_CREATE',
  'NAMESPACE_READ_PROPERTIES',
  // loadTable, tableExists, listTables; DuckDB lists views when it reads a schema.
  'TABLE_LIST',
  'VIEW_LIST',
  'TABLE_READ_PROPERTIES',
  // createTable (dlt's first load, dbt's CTAS), updateTable (every commit: append, merge, delete + insert).
  'TABLE_CREATE',
  'TABLE_WRITE_PROPERTIES',
  // Data access, and the read/write metrics reports of Iceberg clients.
  'TABLE_READ_DATA',
  'TABLE_WRITE_DATA',
  // dlt's `replace` and dbt's full refresh drop and recreate a table.
  'TABLE_DROP',
] as const;

export type StepCatalogPrivilege = (typeof stepCatalogPrivileges)[number];

import type { JobConfig } from '../config/read-job-config.js';

/**
 * The warehouse as floe's Python helpers take it (python/floe_lakehouse.py):
 * the config plus where DuckDB's extension files are. No credential: the
 * helpers read those from the environment the pod template maps from Secrets.
 */
export function helperWarehouse(config: Pick<JobConfig, 'warehouse' | 'duckdbExtensionDir'>): Record<string, unknown> {
  const { warehouse } = config;
  if (warehouse.type === 'duckdb') return { ...warehouse };
  return { ...warehouse, extensionDir: config.duckdbExtensionDir };
}

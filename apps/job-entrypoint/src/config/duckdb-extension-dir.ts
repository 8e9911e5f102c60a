import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Env naming the directory DuckDB loads its extensions from (the runtime image sets it). */
export const duckdbExtensionDirEnv = 'FLOE_DUCKDB_EXTENSION_DIR';

/**
 * Where the duckdb-ext-* packages put DuckDB's extension files
 * (`<dir>/v<duckdb version>/<platform>/*.duckdb_extension`): the
 * FLOE_DUCKDB_EXTENSION_DIR override, else `duckdb_ext/extensions` in the
 * site-packages of the venv that holds `pythonBin`. Undefined when neither
 * exists: the pod has no internet, so DuckDB must never download one.
 */
export function findDuckdbExtensionDir(override: string | undefined, pythonBin: string): string | undefined {
  if (override) return existsSync(override) ? override : undefined;
  const lib = join(dirname(dirname(pythonBin)), 'lib');
  if (!existsSync(lib)) return undefined;
  for (const python of readdirSync(lib).filter((name) => name.startsWith('python')).sort()) {
    const candidate = join(lib, python, 'site-packages', 'duckdb_ext', 'extensions');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

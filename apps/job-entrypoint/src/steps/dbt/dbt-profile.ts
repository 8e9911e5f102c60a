import type { JobConfig } from '../../config/read-job-config.js';

/** The profile name floe-job writes and passes with `--profile`; a project's `profile:` should say the same. */
export const dbtProfileName = 'floe';

/**
 * The `profiles.yml` for `target` from the platform config: DuckDB at the
 * warehouse path, schema `main`. Rendered as JSON, which YAML parsers accept.
 * No credential is ever written here; a profile that needs one must read it
 * with `env_var()` at run time.
 */
export function renderDbtProfile(config: Pick<JobConfig, 'warehouse'>, target: string, threads = 4): string {
  const output = { type: 'duckdb', path: config.warehouse.path, schema: 'main', threads };
  return `${JSON.stringify({ [dbtProfileName]: { target, outputs: { [target]: output } } }, null, 2)}\n`;
}

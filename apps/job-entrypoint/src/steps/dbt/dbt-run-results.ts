import type { StepDetails } from '../step-run.js';

interface RunResult {
  readonly unique_id?: unknown;
  readonly status?: unknown;
}

const builtResourceTypes = ['model.', 'seed.', 'snapshot.'];
const failedStatuses = new Set(['error', 'fail', 'runtime error']);

/**
 * Summarises dbt's `target/run_results.json`: counts per node status, the
 * models/seeds/snapshots built, the nodes that failed (tests and models) and
 * those that warned.
 */
export function summariseRunResults(runResults: unknown): Pick<StepDetails, 'counts' | 'built' | 'failed' | 'warned'> {
  const results = (runResults as { results?: unknown } | null)?.results;
  const counts: Record<string, number> = {};
  const built: string[] = [];
  const failed: string[] = [];
  const warned: string[] = [];
  if (!Array.isArray(results)) return { counts, built, failed, warned };
  for (const result of results as RunResult[]) {
    if (typeof result.unique_id !== 'string' || typeof result.status !== 'string') continue;
    const { unique_id: id, status } = result;
    counts[status] = (counts[status] ?? 0) + 1;
    if (status === 'success' && builtResourceTypes.some((prefix) => id.startsWith(prefix))) built.push(id);
    if (failedStatuses.has(status)) failed.push(id);
    if (status === 'warn') warned.push(id);
  }
  return { counts, built, failed, warned };
}

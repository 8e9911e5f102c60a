import type { KubeApiError } from '@floe/kube';

/**
 * Managers and field paths named by a server-side apply conflict (409
 * Conflict): causes carry `conflict with "<manager>"...` messages and field paths.
 */
export function conflictDetails(error: KubeApiError): { managers: string[]; fields: string[] } {
  const managers = new Set<string>();
  const fields: string[] = [];
  for (const cause of error.status.details?.causes ?? []) {
    const manager = /conflict with "([^"]+)"/.exec(cause.message ?? '')?.[1];
    if (manager) managers.add(manager);
    if (cause.field) fields.push(cause.field);
  }
  if (managers.size === 0) for (const match of (error.status.message ?? '').matchAll(/conflict with "([^"]+)"/g)) managers.add(match[1]!);
  return { managers: [...managers], fields };
}

import type { Resources } from '@floe/spec';

type ResourceList = { cpu?: string; memory?: string };

function pick(key: 'cpu' | 'memory', lists: readonly (ResourceList | undefined)[]): string | undefined {
  for (const list of lists) {
    const value = list?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

function list(lists: readonly (ResourceList | undefined)[]): { cpu?: string; memory?: string } {
  const cpu = pick('cpu', lists);
  const memory = pick('memory', lists);
  return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
}

/**
 * Container resources, each of requests/limits cpu/memory taken from the
 * first level that sets it (most specific first). The last level should be
 * a complete default so every container has requests and limits.
 */
export function containerResources(...levels: readonly (Resources | undefined)[]) {
  return {
    requests: list(levels.map((level) => level?.requests)),
    limits: list(levels.map((level) => level?.limits)),
  };
}

/** Small fixed resources for helper containers (bootstrap and bucket Jobs). */
export const helperResources = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '250m', memory: '256Mi' },
} as const;

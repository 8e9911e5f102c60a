import { isDesiredSubset } from './desired-subset.js';

/**
 * The first field where `live` is not as `desired` wants it (as
 * `isDesiredSubset` judges), as a path like `spec.replicas` or
 * `spec.template.spec.containers[0].image`, with both values; undefined
 * when `live` has every desired field.
 */
export function firstDifference(desired: unknown, live: unknown, path = ''): { path: string; desired: unknown; live: unknown } | undefined {
  if (isDesiredSubset(desired, live)) return undefined;
  if (Array.isArray(desired) && Array.isArray(live) && desired.length === live.length) {
    for (const [index, item] of desired.entries()) {
      const found = firstDifference(item, live[index], `${path}[${index}]`);
      if (found) return found;
    }
  }
  if (desired && typeof desired === 'object' && !Array.isArray(desired) && live && typeof live === 'object' && !Array.isArray(live)) {
    for (const [key, value] of Object.entries(desired)) {
      const found = firstDifference(value, (live as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return { path, desired, live };
}

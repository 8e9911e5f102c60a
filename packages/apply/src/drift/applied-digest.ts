import { createHash } from 'node:crypto';

/** Annotation holding the digest of what floe last applied to an object. */
export const appliedDigestAnnotation = 'floe.dev/applied-digest';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** sha256 of an object's canonical JSON (key order does not matter), first 32 hex characters. */
export function objectDigest(object: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(object))).digest('hex').slice(0, 32);
}

import { shortHash } from './short-hash.js';

const maxNameLength = 63;

/**
 * A DNS-1123 label from `parts` joined with "-". Names longer than 63
 * characters keep a readable prefix and end in a hash of the whole name, so
 * two long names never collide.
 */
export function objectName(...parts: readonly string[]): string {
  const name = parts
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  if (name.length <= maxNameLength) return name;
  const hash = shortHash(name);
  return `${name.slice(0, maxNameLength - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

import { createHash } from 'node:crypto';

/** The first `length` hex characters of the SHA-256 of `text`: stable suffixes and checksums. */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The full hex SHA-256 of `text`. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

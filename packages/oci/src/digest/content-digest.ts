import { createHash } from 'node:crypto';

const sha256Pattern = /^sha256:[a-f0-9]{64}$/;

/** The OCI digest (`sha256:<hex>`) of some bytes. */
export function contentDigest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** True for a sha256 digest in canonical form (the only algorithm floe writes or accepts). */
export function isSha256Digest(value: string): boolean {
  return sha256Pattern.test(value);
}

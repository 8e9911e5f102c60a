import { readFileSync } from 'node:fs';

/**
 * The digest of this CLI's bundle (dist/build-id.txt, written by its build):
 * `floe platform deploy` passes it as the renderer, so a re-deploy of
 * unchanged files by the same build reuses the last revision's objects.
 * Undefined when running unbundled (tests), where every deploy renders.
 */
export function buildIdentity(): string | undefined {
  try {
    return readFileSync(new URL('./build-id.txt', import.meta.url), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

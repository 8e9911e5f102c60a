import type { ImageMirror } from '@floe/spec';

const dockerHubHosts = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The registry host of a reference and the rest of it, as container runtimes resolve short names. */
function splitRegistryHost(reference: string): { host: string; path: string } {
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  const hasHost = first.includes('.') || first.includes(':') || first === 'localhost';
  const host = hasHost ? first : 'docker.io';
  const path = hasHost ? reference.slice(slash + 1) : reference;
  // Docker Hub's official images live under library/: `postgres` is docker.io/library/postgres.
  return { host: dockerHubHosts.has(host) ? 'docker.io' : host, path: dockerHubHosts.has(host) && !path.includes('/') ? `library/${path}` : path };
}

/**
 * `reference` as pulled through `mirror`: `<prefix>/<registry host>/<path>`,
 * or `<prefix>/<path>` without `keepRegistryHost`; tag and digest unchanged.
 * A reference already under the prefix is returned as is, so applying the
 * mirror twice changes nothing.
 */
export function mirrorImage(reference: string, mirror: ImageMirror): string {
  if (reference.startsWith(`${mirror.prefix}/`)) return reference;
  const { host, path } = splitRegistryHost(reference);
  return mirror.keepRegistryHost ? `${mirror.prefix}/${host}/${path}` : `${mirror.prefix}/${path}`;
}

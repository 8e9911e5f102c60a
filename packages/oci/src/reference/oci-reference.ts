import { isSha256Digest } from '../digest/content-digest.js';
import { InvalidReferenceError } from '../errors/oci-errors.js';

/** An artifact in a registry: `oci://REGISTRY/REPOSITORY:TAG`, `…@sha256:DIGEST`, or both (the digest wins). */
export interface OciReference {
  /** `host` or `host:port`, as written. */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const repositoryPattern = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
const registryPattern = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::\d{1,5})?$/;

/** Parses `oci://REGISTRY/REPOSITORY[:TAG][@sha256:DIGEST]`; the registry is always the first path element. */
export function parseOciReference(text: string): OciReference {
  if (!text.startsWith('oci://')) throw new InvalidReferenceError(text, 'it must start with oci://');
  let rest = text.slice('oci://'.length);
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!isSha256Digest(digest)) throw new InvalidReferenceError(text, `"${digest}" is not a sha256 digest (sha256: and 64 lowercase hex digits)`);
  }
  const slash = rest.indexOf('/');
  if (slash <= 0) throw new InvalidReferenceError(text, 'it names no repository after the registry');
  const registry = rest.slice(0, slash);
  if (!registryPattern.test(registry)) throw new InvalidReferenceError(text, `"${registry}" is not a registry host[:port]`);
  let repository = rest.slice(slash + 1);
  let tag: string | undefined;
  const colon = repository.lastIndexOf(':');
  if (colon >= 0) {
    tag = repository.slice(colon + 1);
    repository = repository.slice(0, colon);
    if (!tagPattern.test(tag)) throw new InvalidReferenceError(text, `"${tag}" is not a tag (letters, digits, _ . -, at most 128)`);
  }
  if (!repositoryPattern.test(repository)) throw new InvalidReferenceError(text, `"${repository}" is not a repository name (lowercase letters, digits, separators . _ -, path elements with /)`);
  if (tag === undefined && digest === undefined) throw new InvalidReferenceError(text, 'it has neither a tag nor a digest');
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** The reference as text; `pinned` replaces the tag with `digest` (what revision history and rollback keep). */
export function formatOciReference(reference: OciReference, pinned?: string): string {
  const base = `oci://${reference.registry}/${reference.repository}`;
  if (pinned) return `${base}@${pinned}`;
  return `${base}${reference.tag !== undefined ? `:${reference.tag}` : ''}${reference.digest !== undefined ? `@${reference.digest}` : ''}`;
}

/** What the manifest endpoint is asked for: the digest when there is one, else the tag. */
export function manifestReference(reference: OciReference): string {
  return reference.digest ?? reference.tag!;
}

/** The registry host without its port, lowercased, brackets kept off IPv6 literals. */
export function registryHostname(registry: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(registry);
  if (bracketed) return bracketed[1]!.toLowerCase();
  return registry.replace(/:\d+$/, '').toLowerCase();
}

/** True when the registry is on this machine (localhost, 127.0.0.0/8, ::1): the only hosts floe talks plain HTTP to by default. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = registryHostname(registry);
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

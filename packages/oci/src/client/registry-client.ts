import { RegistryAuth } from '../auth/registry-auth.js';
import { parseAuthChallenge } from '../auth/auth-challenge.js';
import { findRegistryCredential, type CredentialLookup, type RegistryCredential } from '../auth/registry-credentials.js';
import { contentDigest, isSha256Digest } from '../digest/content-digest.js';
import { ArtifactNotFoundError, DigestMismatchError, RegistryAuthError, RegistryRequestError } from '../errors/oci-errors.js';
import { manifestAccept } from '../media-types.js';
import { registryBaseUrl, registryErrorDetail, statusError, transportError } from './registry-transport.js';

/** How a RegistryClient connects and authenticates. */
export interface RegistryClientOptions {
  /** Plain HTTP to a registry that is not on this machine (default false: TLS). */
  readonly insecure?: boolean;
  /** The credential to use; default: looked up in the docker/podman credential files on the first challenge. */
  readonly credential?: RegistryCredential;
  /** Where to look for credential files (default: the environment and home directory). */
  readonly credentialLookup?: CredentialLookup;
  /** Per-request bound (default 60 s). */
  readonly timeoutMs?: number;
  /** The fetch to use (default: Node's). */
  readonly fetch?: typeof fetch;
}

/** A manifest as read: its exact bytes (the digest is of these), digest and media type. */
export interface ManifestBytes {
  readonly bytes: Uint8Array;
  readonly digest: string;
  readonly mediaType: string;
}

interface RequestSpec {
  readonly method: string;
  readonly path: string;
  readonly what: string;
  readonly scopes: readonly string[];
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array;
  /** Statuses returned to the caller instead of thrown. */
  readonly accept: readonly number[];
}

const maxManifestBytes = 4 * 1024 * 1024;

const pullScope = (repository: string) => `repository:${repository}:pull`;
const pushScope = (repository: string) => `repository:${repository}:pull,push`;

/**
 * A client of one registry speaking the OCI distribution spec: manifests and
 * blobs by tag and digest, every byte read checked against its digest,
 * monolithic blob upload, cross-repository mount, and auth from the user's
 * credential files (Basic or Bearer token).
 */
export class RegistryClient {
  private readonly base: string;
  private readonly auth: RegistryAuth;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(readonly registry: string, options: RegistryClientOptions = {}) {
    this.base = registryBaseUrl(registry, options.insecure ?? false);
    this.fetch = options.fetch ?? globalThis.fetch;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    let credential: Promise<RegistryCredential | undefined> | undefined;
    this.auth = new RegistryAuth({
      registry, fetch: this.fetch, insecure: options.insecure ?? false, timeoutMs: this.timeoutMs,
      credential: () => (credential ??= options.credential ? Promise.resolve(options.credential) : findRegistryCredential(registry, options.credentialLookup)),
    });
  }

  /** The digest, media type and size of a manifest by tag or digest (HEAD); ArtifactNotFoundError when absent. */
  async resolve(repository: string, reference: string): Promise<{ digest: string; mediaType: string; size: number }> {
    const response = await this.send({ method: 'HEAD', path: `/v2/${repository}/manifests/${reference}`, what: `resolve ${repository}:${reference}`, scopes: [pullScope(repository)], headers: { accept: manifestAccept }, accept: [200, 404] });
    if (response.status === 404) throw new ArtifactNotFoundError(`oci://${this.registry}/${repository}${isSha256Digest(reference) ? '@' : ':'}${reference}`);
    const digest = response.headers.get('docker-content-digest');
    if (digest && isSha256Digest(digest)) return { digest, mediaType: response.headers.get('content-type') ?? '', size: Number(response.headers.get('content-length') ?? 0) };
    // Not every registry sends the digest on HEAD: read the manifest and compute it.
    const manifest = await this.getManifest(repository, reference);
    return { digest: manifest.digest, mediaType: manifest.mediaType, size: manifest.bytes.byteLength };
  }

  /** A manifest's exact bytes, checked against the digest asked for and the one the registry announced. */
  async getManifest(repository: string, reference: string): Promise<ManifestBytes> {
    const response = await this.send({ method: 'GET', path: `/v2/${repository}/manifests/${reference}`, what: `read ${repository}:${reference}`, scopes: [pullScope(repository)], headers: { accept: manifestAccept }, accept: [200, 404] });
    if (response.status === 404) throw new ArtifactNotFoundError(`oci://${this.registry}/${repository}${isSha256Digest(reference) ? '@' : ':'}${reference}`);
    const bytes = await readBounded(this.registry, response, maxManifestBytes, `the manifest of ${repository}:${reference}`);
    const digest = contentDigest(bytes);
    const announced = isSha256Digest(reference) ? reference : response.headers.get('docker-content-digest');
    if (announced && announced !== digest) throw new DigestMismatchError(`the manifest oci://${this.registry}/${repository}@${announced}`, announced, digest);
    return { bytes, digest, mediaType: response.headers.get('content-type') ?? '' };
  }

  /** Stores a manifest under a tag or its digest; returns its digest. */
  async putManifest(repository: string, reference: string, manifest: Uint8Array, mediaType: string): Promise<string> {
    await this.send({ method: 'PUT', path: `/v2/${repository}/manifests/${reference}`, what: `store the manifest ${repository}:${reference}`, scopes: [pushScope(repository)], headers: { 'content-type': mediaType }, body: manifest, accept: [201] });
    return contentDigest(manifest);
  }

  /** True when the repository holds the blob (HEAD). */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.send({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, what: `check the blob ${digest}`, scopes: [pullScope(repository)], accept: [200, 404] });
    return response.status === 200;
  }

  /** A blob's bytes, refused with DigestMismatchError unless their sha256 is `digest`. */
  async getBlob(repository: string, digest: string, maxBytes: number): Promise<Uint8Array> {
    const response = await this.send({ method: 'GET', path: `/v2/${repository}/blobs/${digest}`, what: `read the blob ${digest}`, scopes: [pullScope(repository)], accept: [200, 404] });
    if (response.status === 404) throw new ArtifactNotFoundError(`the blob ${digest} of oci://${this.registry}/${repository}`);
    const bytes = await readBounded(this.registry, response, maxBytes, `the blob ${digest}`);
    const actual = contentDigest(bytes);
    if (actual !== digest) throw new DigestMismatchError(`the blob ${digest} of oci://${this.registry}/${repository}`, digest, actual);
    return bytes;
  }

  /** Uploads a blob unless the repository has it (monolithic upload: POST, then PUT with the digest); `uploaded` false when it was there. */
  async pushBlob(repository: string, bytes: Uint8Array): Promise<{ digest: string; uploaded: boolean }> {
    const digest = contentDigest(bytes);
    if (await this.hasBlob(repository, digest)) return { digest, uploaded: false };
    const started = await this.send({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, what: `start an upload to ${repository}`, scopes: [pushScope(repository)], accept: [202] });
    await this.completeUpload(repository, started, bytes, digest);
    return { digest, uploaded: true };
  }

  /**
   * Mounts a blob from another repository of this registry without copying
   * it; true when mounted. When the registry declines (202), uploads `bytes()`
   * into the session it opened instead.
   */
  async mountBlob(repository: string, digest: string, from: string, bytes: () => Promise<Uint8Array>): Promise<boolean> {
    const response = await this.send({
      method: 'POST', path: `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}`,
      what: `mount ${digest} from ${from} into ${repository}`, scopes: [pushScope(repository), pullScope(from)], accept: [201, 202],
    });
    if (response.status === 201) return true;
    await this.completeUpload(repository, response, await bytes(), digest);
    return false;
  }

  private async completeUpload(repository: string, session: Response, bytes: Uint8Array, digest: string): Promise<void> {
    await session.body?.cancel();
    const location = session.headers.get('location');
    if (!location) throw new RegistryRequestError(this.registry, `upload to ${repository}`, session.status, 'no Location header for the upload session');
    const url = new URL(location, this.base);
    url.searchParams.set('digest', digest);
    await this.send({ method: 'PUT', path: `${url.pathname}${url.search}`, what: `upload ${digest} to ${repository}`, scopes: [pushScope(repository)], headers: { 'content-type': 'application/octet-stream' }, body: bytes, accept: [201] });
  }

  private async send(spec: RequestSpec): Promise<Response> {
    let authorization = this.auth.header(spec.scopes);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetch(`${this.base}${spec.path}`, {
          method: spec.method,
          headers: { 'user-agent': 'floe', ...spec.headers, ...(authorization ? { authorization } : {}) },
          ...(spec.body ? { body: spec.body } : {}),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw transportError(this.registry, error);
      }
      if (response.status === 401) {
        const challenge = parseAuthChallenge(response.headers.get('www-authenticate'));
        await response.body?.cancel();
        authorization = await this.auth.answer(challenge, spec.scopes, attempt > 0);
        continue;
      }
      if (response.status === 403) {
        const detail = await registryErrorDetail(response);
        throw new RegistryAuthError(this.registry, 403, `registry ${this.registry} denied the right to ${spec.what}${detail ? ` (${detail})` : ''}; ask for pull/push access to the repository`);
      }
      if (spec.accept.includes(response.status)) return response;
      throw await statusError(this.registry, spec.what, response);
    }
  }
}

async function readBounded(registry: string, response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new RegistryRequestError(registry, `serve ${what}`, response.status, `it is ${declared} bytes, more than the ${maxBytes} floe reads`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxBytes) throw new RegistryRequestError(registry, `serve ${what}`, response.status, `it is more than the ${maxBytes} bytes floe reads`);
  return bytes;
}

import { FloeError, type ErrorCategory } from '@floe/errors';

/** An `oci://` reference that floe cannot use. */
export class InvalidReferenceError extends FloeError {
  constructor(reference: string, problem: string) {
    super('OCI_INVALID_REFERENCE', `"${reference}" is not a usable OCI reference: ${problem} (expected oci://REGISTRY/REPOSITORY:TAG or oci://REGISTRY/REPOSITORY@sha256:DIGEST)`);
  }
}


/** The registry could not be reached (connection refused, DNS, timeout) or answered 429/5xx: the same command may pass later. */
export class RegistryUnavailableError extends FloeError {
  constructor(host: string, problem: string, cause?: unknown) {
    super('OCI_REGISTRY_UNAVAILABLE', `registry ${host} is unavailable: ${problem}; check the address and that the registry runs, then try again`, { category: 'unavailable', cause });
  }
}

/** The registry's TLS certificate was refused. */
export class RegistryTlsError extends FloeError {
  constructor(host: string, problem: string, cause?: unknown) {
    super('OCI_REGISTRY_TLS', `the TLS connection to registry ${host} failed: ${problem}; trust its CA with NODE_EXTRA_CA_CERTS=ca.pem, or pass --insecure for a plain-HTTP registry`, { cause });
  }
}

/** The registry (or its token service) refused the credentials, or there were none: 401/403. */
export class RegistryAuthError extends FloeError {
  constructor(readonly host: string, readonly status: 401 | 403, message: string) {
    super(status === 401 ? 'OCI_UNAUTHORIZED' : 'OCI_FORBIDDEN', message, { category: 'permission-denied' });
  }
}

/** The tag or digest does not exist in the repository. */
export class ArtifactNotFoundError extends FloeError {
  constructor(reference: string) {
    super('OCI_NOT_FOUND', `${reference} does not exist in the registry; check the repository and the tag (or digest), or publish it first with floe platform publish`);
  }
}

/** Content whose sha256 is not the digest it was asked for or announced with: corrupted or tampered with. */
export class DigestMismatchError extends FloeError {
  constructor(what: string, expected: string, actual: string) {
    super('OCI_DIGEST_MISMATCH', `${what} is corrupted: the registry announced ${expected} but the content is ${actual}; nothing was used — republish the artifact or repair the registry's storage`);
  }
}

/** The source tag points elsewhere than when it was read: promote refuses to copy. */
export class TagMovedError extends FloeError {
  constructor(reference: string, expected: string, actual: string) {
    super('OCI_TAG_MOVED', `${reference} moved from ${expected} to ${actual} since it was read; nothing was promoted — check what was published, then promote the digest you mean (oci://…@${actual.slice(0, 19)}…)`);
  }
}

/** The manifest is not a floe platform artifact (another artifactType, a missing layer, unreadable content). */
export class NotAPlatformArtifactError extends FloeError {
  constructor(reference: string, problem: string) {
    super('OCI_NOT_A_PLATFORM_ARTIFACT', `${reference} is not a floe platform artifact: ${problem}; publish one with floe platform publish`);
  }
}

/** Any other refusal from the registry, with the registry's own error code and message. */
export class RegistryRequestError extends FloeError {
  constructor(host: string, what: string, status: number, detail: string, category: ErrorCategory = 'invalid-input') {
    super('OCI_REQUEST_REFUSED', `registry ${host} refused to ${what} (HTTP ${status}${detail ? `: ${detail}` : ''}); check the reference and the registry's configuration`, { category });
  }
}

/** A credential helper or credential file that cannot be used. */
export class RegistryCredentialsError extends FloeError {
  constructor(message: string, cause?: unknown) {
    super('OCI_CREDENTIALS', message, { category: 'permission-denied', cause });
  }
}

export { RegistryClient, type RegistryClientOptions, type ManifestBytes } from './client/registry-client.js';
export { parseOciReference, formatOciReference, isLoopbackRegistry, type OciReference } from './reference/oci-reference.js';
export { contentDigest, isSha256Digest } from './digest/content-digest.js';
export { mediaTypes } from './media-types.js';
export { findRegistryCredential, credentialFiles, type RegistryCredential, type CredentialLookup } from './auth/registry-credentials.js';
export { parseAuthChallenge, type AuthChallenge } from './auth/auth-challenge.js';
export { deterministicTarGzip, readTarGzip, type LayerFile } from './layers/deterministic-tar.js';
export { buildPlatformArtifact, layerTitles, type BuiltArtifact, type Descriptor } from './artifact/platform-artifact.js';
export { artifactProvenance, type ArtifactProvenance } from './artifact/artifact-provenance.js';
export { publishArtifact, type PublishedArtifact } from './artifact/publish-artifact.js';
export { pullPlatformArtifact, type PlatformArtifact } from './artifact/pull-platform-artifact.js';
export { promoteArtifact, type PromoteEnd, type PromotedArtifact } from './artifact/promote-artifact.js';
export {
  ArtifactNotFoundError,
  DigestMismatchError,
  InvalidReferenceError,
  NotAPlatformArtifactError,
  RegistryAuthError,
  RegistryCredentialsError,
  RegistryRequestError,
  RegistryTlsError,
  RegistryUnavailableError,
  TagMovedError,
} from './errors/oci-errors.js';

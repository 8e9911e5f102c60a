import type { RegistryClient } from '../client/registry-client.js';
import { InvalidReferenceError } from '../errors/oci-errors.js';
import { formatOciReference, type OciReference } from '../reference/oci-reference.js';
import { mediaTypes } from '../media-types.js';
import type { BuiltArtifact } from './platform-artifact.js';

/** Where an artifact went: its digest and the reference pinned to it. */
export interface PublishedArtifact {
  readonly digest: string;
  readonly pinned: string;
  /** Blobs the registry did not hold before. */
  readonly uploaded: number;
}

/**
 * Pushes a built artifact: each blob the repository lacks, then the
 * manifest under the reference's tag. Publishing the same artifact again
 * uploads nothing and leaves the tag on the same digest.
 */
export async function publishArtifact(client: RegistryClient, reference: OciReference, artifact: BuiltArtifact): Promise<PublishedArtifact> {
  if (reference.tag === undefined) throw new InvalidReferenceError(formatOciReference(reference), 'publish needs a tag to push to (the digest is computed from the content)');
  if (reference.digest !== undefined && reference.digest !== artifact.digest) throw new InvalidReferenceError(formatOciReference(reference), `the content's digest is ${artifact.digest}`);
  let uploaded = 0;
  for (const blob of artifact.blobs) {
    if ((await client.pushBlob(reference.repository, blob)).uploaded) uploaded++;
  }
  const digest = await client.putManifest(reference.repository, reference.tag, artifact.manifest, mediaTypes.imageManifest);
  return { digest, pinned: formatOciReference(reference, digest), uploaded };
}

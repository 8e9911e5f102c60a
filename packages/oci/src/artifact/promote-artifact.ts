import type { RegistryClient } from '../client/registry-client.js';
import { InvalidReferenceError, NotAPlatformArtifactError, TagMovedError } from '../errors/oci-errors.js';
import { mediaTypes } from '../media-types.js';
import { formatOciReference, manifestReference, type OciReference } from '../reference/oci-reference.js';
import type { Descriptor } from './platform-artifact.js';

/** One side of a promotion: a registry client and a reference in it. */
export interface PromoteEnd {
  readonly client: RegistryClient;
  readonly reference: OciReference;
}

/** What a promotion did. */
export interface PromotedArtifact {
  readonly digest: string;
  readonly pinned: string;
  /** Blobs mounted from the source repository (same registry), copied, or already there. */
  readonly mounted: number;
  readonly copied: number;
  readonly present: number;
}

const maxBlobBytes = 1024 * 1024 * 1024;

/**
 * Copies an artifact by digest — never rebuilt, so the target's digest is
 * the source's: reads the source manifest (checked against its digest and
 * `expectedDigest`, the digest the caller read earlier), mounts each blob
 * from the source repository when both are in one registry (copies it,
 * digest-checked, otherwise), then re-reads the source tag and refuses with
 * TagMovedError if it moved meanwhile, and only then tags the manifest in
 * the target.
 */
export async function promoteArtifact(source: PromoteEnd, target: PromoteEnd, options: { expectedDigest?: string } = {}): Promise<PromotedArtifact> {
  const sourceText = formatOciReference(source.reference);
  const manifest = await source.client.getManifest(source.reference.repository, manifestReference(source.reference));
  const expected = options.expectedDigest ?? source.reference.digest;
  if (expected !== undefined && expected !== manifest.digest) throw new TagMovedError(sourceText, expected, manifest.digest);
  if (target.reference.digest !== undefined && target.reference.digest !== manifest.digest) {
    throw new InvalidReferenceError(formatOciReference(target.reference), `the source is ${manifest.digest}; a promotion keeps the digest`);
  }
  const parsed = JSON.parse(new TextDecoder().decode(manifest.bytes)) as { mediaType?: string; config?: Descriptor; layers?: readonly Descriptor[] };
  if (!parsed.config || !parsed.layers || (parsed.mediaType !== undefined && parsed.mediaType !== mediaTypes.imageManifest)) {
    throw new NotAPlatformArtifactError(sourceText, `promote copies one OCI image manifest; this is ${parsed.mediaType ?? manifest.mediaType}`);
  }
  const sameRegistry = source.client.registry === target.client.registry;
  const counts = { mounted: 0, copied: 0, present: 0 };
  const fetchBlob = (descriptor: Descriptor) => () => source.client.getBlob(source.reference.repository, descriptor.digest, maxBlobBytes);
  for (const descriptor of [parsed.config, ...parsed.layers]) {
    if (await target.client.hasBlob(target.reference.repository, descriptor.digest)) {
      counts.present++;
    } else if (sameRegistry) {
      if (await target.client.mountBlob(target.reference.repository, descriptor.digest, source.reference.repository, fetchBlob(descriptor))) counts.mounted++;
      else counts.copied++;
    } else {
      await target.client.pushBlob(target.reference.repository, await fetchBlob(descriptor)());
      counts.copied++;
    }
  }
  if (source.reference.digest === undefined) {
    const now = await source.client.resolve(source.reference.repository, source.reference.tag!);
    if (now.digest !== manifest.digest) throw new TagMovedError(sourceText, manifest.digest, now.digest);
  }
  const digest = await target.client.putManifest(target.reference.repository, target.reference.tag ?? manifest.digest, manifest.bytes, parsed.mediaType ?? mediaTypes.imageManifest);
  return { digest, pinned: formatOciReference(target.reference, digest), ...counts };
}

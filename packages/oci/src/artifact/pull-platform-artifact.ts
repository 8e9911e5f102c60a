import { generatedCredentials, sortForApply, type KubeObject, type RenderedPlatform } from '@floe/manifests';
import { pipelineSchema, platformSchema, type Pipeline, type Platform } from '@floe/spec';
import { parseAllDocuments } from 'yaml';
import type { RegistryClient } from '../client/registry-client.js';
import { NotAPlatformArtifactError } from '../errors/oci-errors.js';
import { readTarGzip } from '../layers/deterministic-tar.js';
import { mediaTypes } from '../media-types.js';
import { formatOciReference, manifestReference, type OciReference } from '../reference/oci-reference.js';
import type { Descriptor } from './platform-artifact.js';

/** A platform artifact as pulled: every byte checked against its digest. */
export interface PlatformArtifact {
  /** `oci://REGISTRY/REPOSITORY@sha256:…`: what was pulled, whatever tag named it. */
  readonly pinned: string;
  readonly digest: string;
  readonly platform: Platform;
  readonly pipelines: readonly Pipeline[];
  /** The published objects, as they will be applied (generated credentials derived from the platform). */
  readonly rendered: RenderedPlatform;
  readonly annotations: Readonly<Record<string, string>>;
}

interface ArtifactManifest {
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly layers?: readonly Descriptor[];
  readonly annotations?: Readonly<Record<string, string>>;
}

const maxLayerBytes = 64 * 1024 * 1024;

function isKubeObject(value: unknown): value is KubeObject {
  const object = value as Partial<KubeObject> | null;
  return typeof object === 'object' && object !== null && typeof object.apiVersion === 'string' && typeof object.kind === 'string' && typeof object.metadata?.name === 'string';
}

/**
 * Pulls a floe platform artifact by tag or digest: the manifest, then every
 * layer, each checked against its digest (DigestMismatchError otherwise),
 * before anything is parsed or returned — so a corrupted artifact deploys
 * nothing. The platform and pipelines are validated with this floe's
 * schemas; the rendered objects are returned as published.
 */
export async function pullPlatformArtifact(client: RegistryClient, reference: OciReference): Promise<PlatformArtifact> {
  const text = formatOciReference(reference);
  const manifest = await client.getManifest(reference.repository, manifestReference(reference));
  const refuse = (problem: string) => new NotAPlatformArtifactError(text, problem);
  let parsed: ArtifactManifest;
  try {
    parsed = JSON.parse(new TextDecoder().decode(manifest.bytes)) as ArtifactManifest;
  } catch {
    throw refuse('its manifest is not JSON');
  }
  if (parsed.artifactType !== mediaTypes.platformArtifact) throw refuse(`its artifactType is ${parsed.artifactType ?? 'missing'}, not ${mediaTypes.platformArtifact}`);
  const layer = (mediaType: string) => {
    const found = (parsed.layers ?? []).filter((candidate) => candidate.mediaType === mediaType);
    if (found.length !== 1) throw refuse(`it has ${found.length} layers of ${mediaType} (expected 1)`);
    return found[0]!;
  };
  const descriptors = [layer(mediaTypes.renderedManifests), layer(mediaTypes.platformSpec), layer(mediaTypes.compiledPipelines)];
  const [manifestsLayer, specLayer, pipelinesLayer] = await Promise.all(descriptors.map((descriptor) => client.getBlob(reference.repository, descriptor.digest, maxLayerBytes)));

  const platformResult = platformSchema.safeParse(parseJson(specLayer!, refuse));
  if (!platformResult.success) throw refuse(`its platform does not validate with this floe (${platformResult.error.issues[0]?.message ?? 'invalid'})`);
  const platform = platformResult.data;
  const pipelines = readTarGzip(pipelinesLayer!).map((file) => {
    const result = pipelineSchema.safeParse(parseJson(file.content, refuse));
    if (!result.success) throw refuse(`its pipeline ${file.path} does not validate with this floe (${result.error.issues[0]?.message ?? 'invalid'})`);
    return result.data;
  });
  const components = readTarGzip(manifestsLayer!).map((file) => {
    const documents = parseAllDocuments(new TextDecoder().decode(file.content));
    const objects = (Array.isArray(documents) ? documents : [documents]).map((document) => {
      if (document.errors.length > 0) throw refuse(`${file.path} is not valid YAML (${document.errors[0]!.message})`);
      return document.toJS() as unknown;
    }).filter((value) => value !== null && value !== undefined);
    if (!objects.every(isKubeObject)) throw refuse(`${file.path} holds something that is not a Kubernetes object`);
    return { name: file.path.replace(/\.yaml$/, ''), objects };
  });
  const rendered: RenderedPlatform = {
    objects: sortForApply(components.flatMap((component) => component.objects)),
    components,
    generatedCredentials: generatedCredentials(platform),
  };
  return { pinned: formatOciReference(reference, manifest.digest), digest: manifest.digest, platform, pipelines, rendered, annotations: parsed.annotations ?? {} };
}

function parseJson(bytes: Uint8Array, refuse: (problem: string) => Error): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw refuse('a JSON layer is not JSON');
  }
}

import { compilePipelines, compilePlatform, renderPlatform, toYaml } from '@floe/manifests';
import type { Pipeline, Platform } from '@floe/spec';
import { contentDigest } from '../digest/content-digest.js';
import { deterministicTarGzip } from '../layers/deterministic-tar.js';
import { mediaTypes } from '../media-types.js';
import { annotationsOf, type ArtifactProvenance } from './artifact-provenance.js';

/** A descriptor of an OCI manifest (config or layer). */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A built artifact: the manifest's exact bytes, its digest, and every blob it names. */
export interface BuiltArtifact {
  readonly manifest: Uint8Array;
  readonly digest: string;
  readonly blobs: readonly Uint8Array[];
}

/** The empty config of an artifact manifest (`{}`), as the OCI image spec 1.1 defines it. */
export const emptyConfig = new TextEncoder().encode('{}');

/** File names inside the artifact (layer titles: what `oras pull` writes). */
export const layerTitles = {
  renderedManifests: 'manifests.tar.gz',
  platformSpec: 'platform.json',
  compiledPipelines: 'pipelines.tar.gz',
} as const;

const titleAnnotation = 'org.opencontainers.image.title';

function descriptor(mediaType: string, bytes: Uint8Array, title?: string): Descriptor {
  return { mediaType, digest: contentDigest(bytes), size: bytes.byteLength, ...(title ? { annotations: { [titleAnnotation]: title } } : {}) };
}

/**
 * Builds floe's platform artifact: one OCI image manifest 1.1 with
 * `artifactType` `application/vnd.floe.platform.v1`, the empty config, and
 * three layers (see the README): the rendered manifests (one YAML file per
 * component, tar+gzip, first so Flux's OCIRepository picks it by default),
 * the validated Platform as JSON, and the compiled pipelines (tar+gzip).
 * Deterministic: the same specs and provenance give the same digest.
 */
export function buildPlatformArtifact(platform: Platform, pipelines: readonly Pipeline[], provenance: ArtifactProvenance): BuiltArtifact {
  const rendered = renderPlatform(platform, { pipelines });
  const manifestsLayer = deterministicTarGzip(rendered.components.map((component) => ({ path: `${component.name}.yaml`, content: toYaml(component.objects) })));
  const specLayer = new TextEncoder().encode(compilePlatform(platform));
  const pipelinesLayer = deterministicTarGzip(compilePipelines(pipelines).map((pipeline) => ({ path: pipeline.fileName, content: pipeline.json })));
  const manifest = {
    schemaVersion: 2,
    mediaType: mediaTypes.imageManifest,
    artifactType: mediaTypes.platformArtifact,
    config: descriptor(mediaTypes.empty, emptyConfig),
    layers: [
      descriptor(mediaTypes.renderedManifests, manifestsLayer, layerTitles.renderedManifests),
      descriptor(mediaTypes.platformSpec, specLayer, layerTitles.platformSpec),
      descriptor(mediaTypes.compiledPipelines, pipelinesLayer, layerTitles.compiledPipelines),
    ],
    annotations: annotationsOf(provenance, platform.metadata.name),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(manifest));
  return { manifest: bytes, digest: contentDigest(bytes), blobs: [emptyConfig, manifestsLayer, specLayer, pipelinesLayer] };
}

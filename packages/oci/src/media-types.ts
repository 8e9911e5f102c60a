/**
 * The media types of floe's platform artifact (see the README). The manifest
 * is a plain OCI image manifest 1.1 with an `artifactType` and the empty
 * config, so any OCI 1.1 client (oras, crane, Flux's OCIRepository) can read it.
 */
export const mediaTypes = {
  imageManifest: 'application/vnd.oci.image.manifest.v1+json',
  imageIndex: 'application/vnd.oci.image.index.v1+json',
  empty: 'application/vnd.oci.empty.v1+json',
  /** The manifest's `artifactType`. */
  platformArtifact: 'application/vnd.floe.platform.v1',
  /** Layer 1: the rendered Kubernetes objects, one YAML file per component (tar+gzip; what Flux's OCIRepository extracts). */
  renderedManifests: 'application/vnd.floe.platform.manifests.v1.tar+gzip',
  /** Layer 2: the validated Platform, defaults applied, as JSON. */
  platformSpec: 'application/vnd.floe.platform.spec.v1+json',
  /** Layer 3: the compiled pipelines, `<name>.json` each (tar+gzip). */
  compiledPipelines: 'application/vnd.floe.platform.pipelines.v1.tar+gzip',
} as const;

/** What floe asks for when it reads a manifest. */
export const manifestAccept = [mediaTypes.imageManifest, mediaTypes.imageIndex, 'application/vnd.docker.distribution.manifest.v2+json'].join(', ');

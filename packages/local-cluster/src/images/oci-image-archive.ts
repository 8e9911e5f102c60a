import { createHash } from 'node:crypto';
import { copyFileSync, chmodSync, symlinkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostCommand } from '../node/host-command.js';

/** One file of a single-layer image. */
export interface ImageFile {
  /** Absolute path inside the image. */
  readonly path: string;
  /** Host file to copy, or literal content. */
  readonly from?: string;
  readonly content?: string;
  /** Make it a symbolic link to this target instead. */
  readonly linkTo?: string;
  readonly mode?: number;
}

/** A minimal image: one layer of files, an entrypoint, a user. */
export interface SingleLayerImage {
  /** Full reference, e.g. `localhost/floe-local/pause:3.10-floe`. */
  readonly name: string;
  readonly files: readonly ImageFile[];
  readonly entrypoint: readonly string[];
  readonly user?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/**
 * Writes `image` as an OCI image layout tar (what `ctr images import` and
 * `podman load` read), deterministically: files owned by root, mtime 0,
 * sorted. Returns the archive path.
 */
export function writeSingleLayerImage(image: SingleLayerImage, archivePath: string): string {
  const work = mkdtempSync(join(dirname(archivePath), '.image-'));
  try {
    const rootfs = join(work, 'rootfs');
    for (const file of image.files) {
      const target = join(rootfs, file.path);
      mkdirSync(dirname(target), { recursive: true });
      if (file.linkTo) {
        symlinkSync(file.linkTo, target);
        continue;
      }
      if (file.from) copyFileSync(file.from, target);
      else writeFileSync(target, file.content ?? '');
      chmodSync(target, file.mode ?? 0o644);
    }
    const layout = join(work, 'layout');
    const blobs = join(layout, 'blobs', 'sha256');
    mkdirSync(blobs, { recursive: true });
    const layerTar = join(work, 'layer.tar');
    hostCommand('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-C', rootfs, '-cf', layerTar, '.']);
    const layer = readFileSync(layerTar);
    const layerDigest = sha256(layer);
    writeFileSync(join(blobs, layerDigest), layer);
    const config = JSON.stringify({
      architecture: 'amd64', os: 'linux',
      config: { Entrypoint: image.entrypoint, ...(image.user ? { User: image.user } : {}), Labels: image.labels ?? {} },
      rootfs: { type: 'layers', diff_ids: [`sha256:${layerDigest}`] },
      history: [{ created_by: 'floe local-cluster (single-layer image)' }],
    });
    writeFileSync(join(blobs, sha256(config)), config);
    const manifest = JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: `sha256:${sha256(config)}`, size: Buffer.byteLength(config) },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: `sha256:${layerDigest}`, size: layer.length }],
    });
    writeFileSync(join(blobs, sha256(manifest)), manifest);
    const tag = image.name.slice(image.name.lastIndexOf(':') + 1);
    writeFileSync(join(layout, 'index.json'), JSON.stringify({
      schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [{
        mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${sha256(manifest)}`, size: Buffer.byteLength(manifest),
        platform: { architecture: 'amd64', os: 'linux' },
        annotations: { 'io.containerd.image.name': image.name, 'org.opencontainers.image.ref.name': tag },
      }],
    }));
    writeFileSync(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    const partial = `${archivePath}.partial`;
    hostCommand('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-C', layout, '-cf', partial, '.']);
    renameSync(partial, archivePath);
    return archivePath;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

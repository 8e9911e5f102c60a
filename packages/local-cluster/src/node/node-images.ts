import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { ClusterBinaries } from '../binaries/cluster-binaries.js';
import { writeSingleLayerImage, type SingleLayerImage } from '../images/oci-image-archive.js';
import { packageRoot } from '../package-root.js';
import { hostCommand } from './host-command.js';

/** The images the real node needs before any pod can start, built here (no registry is reachable). */
export interface NodeImages {
  /** The pod sandbox image (containerd's pinned sandbox image). */
  readonly pause: string;
  readonly coredns: string;
  /** OCI archives to import into the node's containerd. */
  readonly archives: readonly string[];
}

const pauseSource = join(packageRoot, 'images', 'pause', 'pause.c');

function cacheDir(): string {
  return join(process.env['FLOE_CACHE_DIR'] ?? join(homedir(), '.cache', 'floe'), 'node-images');
}

/** The static pause binary, compiled once per source hash with `gcc -static`. */
function pauseBinary(): { path: string; hash: string } {
  const hash = createHash('sha256').update(readFileSync(pauseSource)).digest('hex').slice(0, 12);
  const dir = cacheDir();
  const path = join(dir, `pause-${hash}`);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    hostCommand('gcc', ['-static', '-Os', '-s', '-o', `${path}.partial`, pauseSource]);
    renameSync(`${path}.partial`, path);
  }
  return { path, hash };
}

/**
 * The pause and CoreDNS images as OCI archives, written once per input (the
 * pause source hash; the binaries' cache key) into the node-images cache.
 * Tagged as what they are (`localhost/floe-local/...`), never as upstream images.
 */
export function buildNodeImages(binaries: ClusterBinaries): NodeImages {
  const dir = cacheDir();
  const pause = pauseBinary();
  const pauseImage = `localhost/floe-local/pause:${pause.hash}`;
  const corednsVersion = hostCommand(binaries.coredns, ['-version']).match(/CoreDNS-(\S+)/)?.[1] ?? 'unknown';
  const corednsImage = `localhost/floe-local/coredns:${corednsVersion}`;
  const labels = { 'org.opencontainers.image.vendor': 'floe (local cluster build)' };
  const cached = (image: SingleLayerImage, file: string) => {
    const archive = join(dir, file);
    return existsSync(archive) ? archive : writeSingleLayerImage(image, archive);
  };
  return {
    pause: pauseImage,
    coredns: corednsImage,
    archives: [
      cached({ name: pauseImage, files: [{ path: '/pause', from: pause.path, mode: 0o755 }], entrypoint: ['/pause'], user: '65535:65535', labels }, `pause-${pause.hash}.oci.tar`),
      cached({ name: corednsImage, files: [{ path: '/coredns', from: binaries.coredns, mode: 0o755 }], entrypoint: ['/coredns'], user: '65532:65532', labels }, `coredns-${basename(binaries.dir)}.oci.tar`),
    ],
  };
}

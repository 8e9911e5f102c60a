import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeSingleLayerImage } from '../images/oci-image-archive.js';
import { LocalClusterError } from '../local-cluster-error.js';

/** The applets the real-node tests use (busybox-static's wget segfaults on these machines: use nc). */
const applets = ['sh', 'nc', 'nslookup', 'httpd', 'sleep', 'cat', 'echo', 'printf', 'head', 'grep', 'true', 'false', 'id', 'ls', 'touch', 'mkdir', 'dd', 'rm', 'kill', 'hostname', 'timeout', 'seq', 'wc', 'env', 'date'];

/**
 * A one-layer toolbox image for real-node tests: Debian's busybox-static at
 * /bin/busybox with links for the applets above, user 65534. Written as an
 * OCI archive into `dir`; returns its name and path.
 */
export function writeToolboxImage(dir: string): { name: string; archive: string } {
  const busybox = '/bin/busybox';
  if (!existsSync(busybox)) throw new LocalClusterError('TOOLBOX_MISSING', 'the real-node tests need Debian\'s busybox-static; install it with packages/local-cluster/scripts/install-node-packages.sh');
  const version = /BusyBox v(\S+)/.exec(execFileSync(busybox, [], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  const name = `localhost/floe-local/toolbox:busybox-${version.replace(/[^\w.-]/g, '_')}`;
  const archive = writeSingleLayerImage({
    name,
    files: [{ path: '/bin/busybox', from: busybox, mode: 0o755 }, ...applets.map((applet) => ({ path: `/bin/${applet}`, linkTo: 'busybox' })), { path: '/tmp/.keep', content: '' }],
    entrypoint: ['/bin/sh'],
    user: '65534:65534',
    labels: { 'org.opencontainers.image.description': 'floe real-node test toolbox (Debian busybox-static)' },
  }, join(dir, 'toolbox.oci.tar'));
  return { name, archive };
}

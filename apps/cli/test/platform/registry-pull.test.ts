import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KubeObject } from '@floe/kube';
import { loadImagesIn, writeSingleLayerImage } from '@floe/local-cluster';
import { createTestNamespace, eventually, podLog, restrictedContainer, waitForPod, type TestNamespace } from '@floe/local-cluster/testing';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { localPlatformFile } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: kind's local-registry pattern with the platform's own registry. `floe dev registry` makes
// localhost:5001 on this host reach the registry Service (a forwarder of the cluster) and tells the node's
// containerd to pull localhost:5001/... from the Service's ClusterIP; an image pushed there with podman,
// never loaded into the node, is pulled by the kubelet for a pod with imagePullPolicy Always.
const kubeconfig = inject('floeKubeconfig');
const clusterDir = inject('floeClusterDir');
const registryNamespace = 'floe-local-platform';
const registryServiceName = 'acme-local-registry';
const nonce = randomBytes(6).toString('hex');
const repository = 'floe-test/pull-probe';
const reference = `localhost:5001/${repository}:${nonce}`;
const scratch = mkdtempSync(join(tmpdir(), 'floe-registry-pull-'));
const podman = (args: readonly string[]) => execFileSync('podman', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
let ns: TestNamespace;
const localImages: string[] = [];

beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  ns = await createTestNamespace(kubeconfig, { prefix: 'registry-pull', podSecurity: 'restricted' });
});
afterAll(async () => {
  for (const image of localImages) {
    try {
      podman(['rmi', '--force', image]);
    } catch {
      // Already gone.
    }
  }
  await ns?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** `floe dev registry -f examples/local/platform.yaml` against this suite's cluster. */
async function floeDevRegistry(): Promise<{ code: number; out: string }> {
  const previous = process.env['FLOE_DEV_DIR'];
  process.env['FLOE_DEV_DIR'] = clusterDir;
  try {
    const output = captureOutput();
    const code = await runFloe(['dev', 'registry', '-f', localPlatformFile], output);
    return { code, out: output.stdout() + output.stderr() };
  } finally {
    if (previous === undefined) delete process.env['FLOE_DEV_DIR'];
    else process.env['FLOE_DEV_DIR'] = previous;
  }
}

type ImagePod = KubeObject & { status?: { phase?: string; containerStatuses?: { image: string; imageID: string; state?: { terminated?: { exitCode: number } } }[] } };
type Event = KubeObject & { reason?: string; message?: string; source?: { component?: string; host?: string } };

/** Runs a pod that prints the probe image's nonce file, until it ends or cannot pull its image; returns the pod. */
async function runNoncePod(name: string, image: string, imagePullPolicy: 'Always' | 'IfNotPresent'): Promise<ImagePod | undefined> {
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns.name },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 1, automountServiceAccountToken: false,
      containers: [{ name: 'main', image, imagePullPolicy, command: ['/bin/cat', '/nonce.txt'], securityContext: restrictedContainer }],
    },
  });
  await waitForPod(ns, name, (status) => status.phase === 'Succeeded' || status.phase === 'Failed' || status.containerStatuses?.[0]?.state?.waiting?.reason === 'ErrImagePull', 180_000);
  return ns.resources.get<ImagePod>({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name });
}

describe('the real node pulls from the platform\'s registry through localhost:5001', () => {
  it('floe dev registry points containerd at the registry Service and forwards localhost:5001 to it, idempotently', async () => {
    const first = await floeDevRegistry();
    expect(first.code, first.out).toBe(0);
    const service = await ns.resources.get<KubeObject & { spec?: { clusterIP?: string } }>({ apiVersion: 'v1', kind: 'Service', namespace: registryNamespace, name: registryServiceName });
    const hostsFile = join(clusterDir, 'node', 'containerd', 'certs.d', 'localhost:5001', 'hosts.toml');
    expect(existsSync(hostsFile)).toBe(true);
    expect(readFileSync(hostsFile, 'utf8')).toContain(`[host."http://${service?.spec?.clusterIP}:5000"]\n  capabilities = ["pull", "resolve"]`);
    const second = await floeDevRegistry();
    expect(second.code, second.out).toBe(0);
    expect(second.out).toContain('already running');
    // The OCI distribution API of the platform's registry, from this host.
    const answer = await fetch('http://127.0.0.1:5001/v2/');
    expect(answer.status).toBe(200);
  });

  it('a pod with imagePullPolicy Always runs an image pushed with podman, pulled by the kubelet (imageID = the pushed manifest digest)', async () => {
    // A fresh image (a layer holding this run's nonce): nothing on the node can hold it before the pull.
    const archive = writeSingleLayerImage({
      name: `localhost/floe-test/pull-probe:${nonce}`,
      files: [{ path: '/bin/busybox', from: '/bin/busybox', mode: 0o755 }, { path: '/bin/sh', linkTo: 'busybox' }, { path: '/bin/cat', linkTo: 'busybox' }, { path: '/nonce.txt', content: `${nonce}\n` }],
      entrypoint: ['/bin/sh'],
      user: '65534:65534',
    }, join(scratch, 'pull-probe.oci.tar'));
    const loaded = /Loaded image(?:\(s\))?:\s*(\S+)/.exec(podman(['load', '-i', archive]))?.[1]?.split(',')[0];
    expect(loaded).toBeDefined();
    localImages.push(loaded!, reference);
    podman(['tag', loaded!, reference]);
    const digestFile = join(scratch, 'digest');
    podman(['push', '--tls-verify=false', '--digestfile', digestFile, reference]);
    const pushed = readFileSync(digestFile, 'utf8').trim();
    expect(pushed).toMatch(/^sha256:[0-9a-f]{64}$/);
    const head = await fetch(`http://127.0.0.1:5001/v2/${repository}/manifests/${nonce}`, {
      method: 'HEAD',
      headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
    });
    expect(head.headers.get('docker-content-digest')).toBe(pushed);

    const name = `pull-probe-${nonce}`;
    const pod = await runNoncePod(name, reference, 'Always');
    expect(pod?.status?.phase).toBe('Succeeded');
    expect((await podLog(ns, name)).trim()).toBe(nonce);
    const container = pod?.status?.containerStatuses?.[0];
    expect(container?.imageID).toBe(`localhost:5001/${repository}@${pushed}`);

    const events = await eventually(
      () => ns.resources.list<Event>('v1', 'Event', { namespace: ns.name, fieldSelector: `involvedObject.name=${name}` }),
      (list) => ['Pulling', 'Pulled'].every((reason) => list.items.some((event) => event.reason === reason)),
      { what: `Pulling and Pulled events of pod ${name}` },
    );
    const kubelet = events.items.filter((event) => event.source?.component === 'kubelet');
    const pulling = kubelet.find((event) => event.reason === 'Pulling');
    const pulled = kubelet.find((event) => event.reason === 'Pulled');
    expect(pulling?.message, JSON.stringify(kubelet.map((event) => [event.reason, event.message]))).toContain(reference);
    expect(pulled?.message).toContain(reference);
    // "Successfully pulled image ...", not "Container image ... already present on machine".
    expect(pulled?.message).toMatch(/^Successfully pulled image/);
  });

  it('an image loaded into the node keeps running by its own name after the kubelet pulled the same image under the registry\'s name', async () => {
    // As in the demo: floe-job side-loaded as localhost/..., the team's copy of it pulled from localhost:5001. The kubelet's
    // pulled-image records (KubeletEnsureSecretPulledImages) must not send the side-loaded name to a registry.
    const local = `localhost/floe-test/pull-probe:${nonce}`;
    loadImagesIn(clusterDir, [join(scratch, 'pull-probe.oci.tar')]);
    const name = `side-loaded-${nonce}`;
    const pod = await runNoncePod(name, local, 'IfNotPresent');
    expect(pod?.status?.phase, JSON.stringify(pod?.status?.containerStatuses?.[0])).toBe('Succeeded');
    expect((await podLog(ns, name)).trim()).toBe(nonce);
  });
});

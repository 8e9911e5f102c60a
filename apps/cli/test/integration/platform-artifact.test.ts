import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {} from '@floe/local-cluster/testing';
import { RegistryClient } from '@floe/oci';
import { startTestRegistry, type TestRegistry } from '@floe/oci/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { captureOutput } from '../capture-output.js';
import { runFloe } from '../../src/program.js';

const suffix = randomBytes(3).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'floe-artifact-cli-'));
const example = readFileSync(new URL('../../../../examples/platform.yaml', import.meta.url), 'utf8')
  .replace('platform: floe-platform', `platform: oci-p-${suffix}`)
  .replace('jobs: floe-jobs', `jobs: oci-j-${suffix}`);
const platformFile = join(dir, 'platform.yaml');
const changedFile = join(dir, 'platform-changed.yaml');
const pipelineFile = new URL('../../../../examples/pipelines/nightly-marts.yaml', import.meta.url).pathname;
writeFileSync(platformFile, example);
writeFileSync(changedFile, example.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'));

const users = { ci: 'not-a-real-password' };
const kube = ['--kubeconfig', inject('floeKubeconfig')];
const kubeCommands = new Set(['deploy', 'history', 'rollback', 'destroy', 'diff', 'status']);

async function floe(...args: string[]) {
  const output = captureOutput();
  const code = await runFloe([...args, ...(kubeCommands.has(args[1] ?? '') ? kube : [])], output);
  return { code, stdout: output.stdout(), stderr: output.stderr() };
}

/** Runs `fn` with REGISTRY_AUTH_FILE pointing at a file holding `credentials` for `registry` (or at an empty one). */
async function withAuthFile<T>(registry: string, credentials: { user: string; password: string } | undefined, fn: () => Promise<T>): Promise<T> {
  const file = join(dir, `auth-${randomBytes(3).toString('hex')}.json`);
  writeFileSync(file, JSON.stringify({ auths: credentials ? { [registry]: { auth: Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64') } } : {} }));
  const before = process.env['REGISTRY_AUTH_FILE'];
  process.env['REGISTRY_AUTH_FILE'] = file;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env['REGISTRY_AUTH_FILE'];
    else process.env['REGISTRY_AUTH_FILE'] = before;
  }
}

function expectNoStackTrace(stderr: string) {
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain('internal error');
}

let plain: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;

beforeAll(async () => {
  [plain, basic, token] = await Promise.all([
    startTestRegistry(inject('floeGoBin')),
    startTestRegistry(inject('floeGoBin'), { kind: 'htpasswd', users }),
    startTestRegistry(inject('floeGoBin'), { kind: 'token', users }),
  ]);
});

afterAll(async () => {
  await floe('platform', 'destroy', '-f', platformFile, '--delete-data', '--yes');
  await Promise.all([plain?.stop(), basic?.stop(), token?.stop()]);
});

describe('floe platform publish / deploy --from / promote, against a CNCF Distribution registry run as a local process', () => {
  let staging = '';

  it('publishes the platform, its pipelines and its manifests as one artifact; the same content gives the same digest', async () => {
    const first = await floe('platform', 'publish', '-f', platformFile, '-p', pipelineFile, '--to', `oci://${plain.registry}/acme/platform:staging`, '-o', 'json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const published = JSON.parse(first.stdout) as { digest: string; reference: string; uploaded: number };
    expect(published.uploaded).toBe(4);
    expect(published.reference).toBe(`oci://${plain.registry}/acme/platform@${published.digest}`);
    const again = JSON.parse((await floe('platform', 'publish', '-f', platformFile, '-p', pipelineFile, '--to', `oci://${plain.registry}/acme/platform:staging`, '-o', 'json')).stdout) as typeof published;
    expect(again).toEqual({ ...published, uploaded: 0 });
    staging = published.digest;
  });

  it('lets a stock OCI client (oras) pull the artifact and read its files', () => {
    const out = mkdtempSync(join(tmpdir(), 'floe-oras-'));
    execFileSync(join(inject('floeGoBin'), 'oras'), ['pull', '--plain-http', `${plain.registry}/acme/platform:staging`, '-o', out], { env: { ...process.env, HOME: out }, stdio: 'pipe' });
    const platform = JSON.parse(readFileSync(join(out, 'platform.json'), 'utf8')) as { metadata: { name: string } };
    expect(platform.metadata.name).toBe('acme-data');
    const manifests = execFileSync('tar', ['-tzf', join(out, 'manifests.tar.gz')], { encoding: 'utf8' }).trim().split('\n');
    expect(manifests).toContain('00-namespaces.yaml');
    expect(manifests).toContain('10-dagster.yaml');
    expect(execFileSync('tar', ['-tzf', join(out, 'pipelines.tar.gz')], { encoding: 'utf8' }).trim()).toBe('nightly-marts.json');
    const manifest = JSON.parse(execFileSync(join(inject('floeGoBin'), 'oras'), ['manifest', 'fetch', '--plain-http', `${plain.registry}/acme/platform@${staging}`], { env: { ...process.env, HOME: out }, encoding: 'utf8' })) as { artifactType: string; layers: { mediaType: string }[] };
    expect(manifest.artifactType).toBe('application/vnd.floe.platform.v1');
    expect(manifest.layers[0]!.mediaType).toBe('application/vnd.floe.platform.manifests.v1.tar+gzip');
  });

  it('deploys exactly what was published, records its digest, and a deploy from the same files changes nothing', async () => {
    const fromFiles = await floe('platform', 'publish', '-f', platformFile, '--to', `oci://${plain.registry}/acme/platform:no-pipelines`, '-o', 'json');
    const { reference } = JSON.parse(fromFiles.stdout) as { reference: string };
    const deployed = await floe('platform', 'deploy', '--from', `oci://${plain.registry}/acme/platform:no-pipelines`);
    expect(deployed.code).toBe(0);
    expect(deployed.stderr).toBe(`deploying ${reference}\n`);
    expect(deployed.stdout).toMatch(/acme-data: \d+ created, 0 configured, 0 unchanged, 0 pruned .* \(revision 1\)/);

    // The same platform from files: every object is already as desired.
    const same = await floe('platform', 'deploy', '-f', platformFile);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/acme-data: 0 created, 0 configured, [1-9]\d* unchanged, 0 pruned/);

    const history = JSON.parse((await floe('platform', 'history', '-f', platformFile, '-o', 'json')).stdout) as { number: number; digest: string; artifact?: string }[];
    expect(history.map((revision) => revision.artifact)).toEqual([reference, undefined]);
    expect(history[0]!.digest).toBe(history[1]!.digest);
    expect((await floe('platform', 'history', '-f', platformFile)).stdout).toContain(`from ${reference}`);
  });

  it('deploys the artifact with its pipelines by digest, and rolls back to the earlier digest', async () => {
    const pinned = `oci://${plain.registry}/acme/platform@${staging}`;
    const deployed = await floe('platform', 'deploy', '--from', pinned);
    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toMatch(/: [1-9]\d* created, [1-9]\d* configured, .* \(revision 3\)/);
    const rolledBack = await floe('platform', 'rollback', '-f', platformFile, '--to', '1');
    expect(rolledBack.code).toBe(0);
    expect(rolledBack.stdout).toContain('restored revision 1 as revision 4');
    const history = JSON.parse((await floe('platform', 'history', '-f', platformFile, '-o', 'json')).stdout) as { artifact?: string; cause: string }[];
    expect(history.map((revision) => revision.artifact)).toEqual([history[0]!.artifact, undefined, pinned, history[0]!.artifact]);
    expect(history.at(-1)!.cause).toBe('rollback to revision 1');
  });

  it('promotes by digest, mounting the blobs into the other repository, and refuses a source tag that moved', async () => {
    const promoted = await floe('platform', 'promote', `oci://${plain.registry}/acme/platform:staging`, `oci://${plain.registry}/acme/platform-prod:v1`, '--expect-digest', staging, '-o', 'json');
    expect(promoted.stderr).toBe('');
    expect(JSON.parse(promoted.stdout)).toEqual({ digest: staging, reference: `oci://${plain.registry}/acme/platform-prod@${staging}`, mounted: 4, copied: 0, present: 0 });

    // Someone republishes staging after it was read (and tested) at `staging`.
    const moved = JSON.parse((await floe('platform', 'publish', '-f', changedFile, '--to', `oci://${plain.registry}/acme/platform:staging`, '-o', 'json')).stdout) as { digest: string };
    const refused = await floe('platform', 'promote', `oci://${plain.registry}/acme/platform:staging`, `oci://${plain.registry}/acme/platform-prod:v2`, '--expect-digest', staging);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error[OCI_TAG_MOVED]: oci://${plain.registry}/acme/platform:staging moved from ${staging} to ${moved.digest} since it was read; nothing was promoted`);
    expectNoStackTrace(refused.stderr);
    const client = new RegistryClient(plain.registry);
    await expect(client.resolve('acme/platform-prod', 'v2')).rejects.toThrow(/does not exist/);
    expect((await client.resolve('acme/platform-prod', 'v1')).digest).toBe(staging);
  });

  it('refuses a corrupted blob with a clear error and deploys nothing', async () => {
    const published = JSON.parse((await floe('platform', 'publish', '-f', changedFile, '--to', `oci://${plain.registry}/acme/corrupt:v1`, '-o', 'json')).stdout) as { digest: string };
    const manifest = JSON.parse(Buffer.from((await new RegistryClient(plain.registry).getManifest('acme/corrupt', published.digest)).bytes).toString('utf8')) as { layers: { mediaType: string; digest: string }[] };
    const spec = manifest.layers.find((layer) => layer.mediaType === 'application/vnd.floe.platform.spec.v1+json')!;
    const blob = plain.blobFile(spec.digest);
    // Same length, one field changed: only the digest can tell.
    writeFileSync(blob, readFileSync(blob, 'utf8').replace('"acme-data"', '"acme-dat4"'));
    const before = (await floe('platform', 'history', '-f', platformFile, '-o', 'json')).stdout;

    const refused = await floe('platform', 'deploy', '--from', `oci://${plain.registry}/acme/corrupt:v1`);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error[OCI_DIGEST_MISMATCH]: the blob ${spec.digest} of oci://${plain.registry}/acme/corrupt is corrupted`);
    expectNoStackTrace(refused.stderr);
    expect((await floe('platform', 'history', '-f', platformFile, '-o', 'json')).stdout).toBe(before);
    const diff = await floe('platform', 'diff', '-f', platformFile);
    expect(diff.stdout).toBe('no changes\n');
    expect(diff.code).toBe(0);
  });

  it('reports an unreachable registry, a missing tag and a missing credential each with its exit class and no stack trace', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const unreachable = await floe('platform', 'deploy', '--from', `oci://127.0.0.1:${closed}/acme/platform:v1`);
    expect(unreachable.code).toBe(75);
    expect(unreachable.stderr).toContain(`error[OCI_REGISTRY_UNAVAILABLE]: registry 127.0.0.1:${closed} is unavailable: connection refused`);
    expect(unreachable.stderr).toContain('(temporary: the same command may succeed when run again)');
    expectNoStackTrace(unreachable.stderr);

    const missing = await floe('platform', 'deploy', '--from', `oci://${plain.registry}/acme/platform:no-such-tag`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error[OCI_NOT_FOUND]: oci://${plain.registry}/acme/platform:no-such-tag does not exist in the registry`);
    expectNoStackTrace(missing.stderr);

    const denied = await withAuthFile(basic.registry, undefined, () => floe('platform', 'publish', '-f', platformFile, '--to', `oci://${basic.registry}/acme/platform:v1`));
    expect(denied.code).toBe(77);
    expect(denied.stderr).toContain(`error[OCI_UNAUTHORIZED]: registry ${basic.registry} needs a user and password and floe found none for it`);
    expectNoStackTrace(denied.stderr);

    const wrong = await withAuthFile(basic.registry, { user: 'ci', password: 'wrong' }, () => floe('platform', 'publish', '-f', platformFile, '--to', `oci://${basic.registry}/acme/platform:v1`));
    expect(wrong.code).toBe(77);
    expect(wrong.stderr).toContain(`registry ${basic.registry} refused the credentials floe found for it`);
    expect(wrong.stderr).not.toContain('wrong');
  });

  it('authenticates with Basic from the credential file named by REGISTRY_AUTH_FILE (htpasswd registry)', async () => {
    const published = await withAuthFile(basic.registry, { user: 'ci', password: users.ci }, () => floe('platform', 'publish', '-f', platformFile, '--to', `oci://${basic.registry}/acme/platform:v1`));
    expect(published.stderr).toBe('');
    expect(published.code).toBe(0);
    expect(published.stdout).toMatch(/^digest sha256:[a-f0-9]{64}$/m);
  });

  it('speaks the Bearer token flow: refused without credentials, and with them publishes and promotes across repositories', async () => {
    const anonymous = await withAuthFile(token.registry, undefined, () => floe('platform', 'publish', '-f', platformFile, '--to', `oci://${token.registry}/acme/platform:staging`));
    expect(anonymous.code).toBe(77);
    expect(anonymous.stderr).toContain(`error[OCI_UNAUTHORIZED]: registry ${token.registry} needs credentials and floe found none for it`);
    expectNoStackTrace(anonymous.stderr);

    const credentials = { user: 'ci', password: users.ci };
    const published = await withAuthFile(token.registry, credentials, () => floe('platform', 'publish', '-f', platformFile, '--to', `oci://${token.registry}/acme/platform:staging`, '-o', 'json'));
    expect(published.code).toBe(0);
    const { digest } = JSON.parse(published.stdout) as { digest: string };
    const promoted = await withAuthFile(token.registry, credentials, () => floe('platform', 'promote', `oci://${token.registry}/acme/platform:staging`, `oci://${token.registry}/acme/prod:v1`, '-o', 'json'));
    expect(promoted.code).toBe(0);
    expect(JSON.parse(promoted.stdout)).toMatchObject({ digest, mounted: 4 });
    // The mount asked for pull on the source and push on the target in one token.
    expect(token.tokenServer!.requests.some((request) => request.user === 'ci' && request.scopes.includes('repository:acme/platform:pull') && request.scopes.includes('repository:acme/prod:pull,push'))).toBe(true);
    expect(existsSync(token.blobFile(digest))).toBe(true);
  });
});

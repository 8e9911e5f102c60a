import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTokenServer, type TestTokenServer } from './token-server.js';

/** How a test registry authenticates: none, htpasswd users (Basic), or a token service it starts. */
export type TestRegistryAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'htpasswd'; readonly users: Readonly<Record<string, string>> }
  | { readonly kind: 'token'; readonly users: Readonly<Record<string, string>> };

/** A CNCF Distribution registry run as a local process for one test file. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`: the host of `oci://` references. */
  readonly registry: string;
  /** Its filesystem storage (blobs at docker/registry/v2/blobs/sha256/<2>/<hex>/data). */
  readonly storageDir: string;
  readonly tokenServer?: TestTokenServer;
  /** The file a blob's content is stored in (to corrupt it on purpose). */
  blobFile(digest: string): string;
  /** The registry's own log (stderr), for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function htpasswd(users: Readonly<Record<string, string>>): Promise<string> {
  const { hashSync } = await import('bcryptjs');
  // The registry reads bcrypt hashes only ($2y$ is what htpasswd -B writes).
  return Object.entries(users).map(([user, password]) => `${user}:${hashSync(password, 5).replace(/^\$2[ab]\$/, '$2y$')}\n`).join('');
}

async function waitUntilServing(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the registry exited with ${child.exitCode}: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
    const answered = await fetch(url, { signal: AbortSignal.timeout(1000) }).then((response) => response.status, () => 0);
    if (answered === 200 || answered === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the registry did not answer on ${url} within 20 s: ${readFileSync(logFile, 'utf8').slice(-2000)}`);
}

/**
 * Starts `registry serve` (from `binDir`, see buildGoTools) on a free
 * loopback port with filesystem storage in a new temporary directory and a
 * generated config file: no auth, htpasswd users, or a token realm served
 * by a tiny token service (startTokenServer). Tracing is off
 * (OTEL_TRACES_EXPORTER=none).
 */
export async function startTestRegistry(binDir: string, auth: TestRegistryAuth = { kind: 'none' }): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'floe-test-registry-'));
  const storageDir = join(dir, 'storage');
  const port = await freePort();
  let tokenServer: TestTokenServer | undefined;
  let authConfig = '';
  if (auth.kind === 'htpasswd') {
    writeFileSync(join(dir, 'htpasswd'), await htpasswd(auth.users));
    authConfig = `auth:\n  htpasswd:\n    realm: floe-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth.kind === 'token') {
    tokenServer = await startTokenServer(dir, auth.users);
    authConfig = `auth:\n  token:\n    realm: ${tokenServer.realm}\n    service: ${tokenServer.service}\n    issuer: ${tokenServer.issuer}\n    jwks: ${tokenServer.jwksFile}\n`;
  }
  const configFile = join(dir, 'config.yml');
  writeFileSync(configFile, [
    'version: 0.1',
    'log:\n  level: warn\n  accesslog:\n    disabled: true',
    `storage:\n  filesystem:\n    rootdirectory: ${storageDir}\n  delete:\n    enabled: true`,
    `http:\n  addr: 127.0.0.1:${port}\n  secret: floe-test-registry-${port}`,
    authConfig,
  ].join('\n'));
  const logFile = join(dir, 'registry.log');
  const logFd = openSync(logFile, 'a');
  const child = spawn(join(binDir, 'registry'), ['serve', configFile], {
    env: { ...process.env, OTEL_TRACES_EXPORTER: 'none' },
    stdio: ['ignore', logFd, logFd],
  });
  const registry = `127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await tokenServer?.stop();
  };
  try {
    await waitUntilServing(`http://${registry}/v2/`, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    registry,
    storageDir,
    ...(tokenServer ? { tokenServer } : {}),
    blobFile: (digest) => {
      const hex = digest.replace(/^sha256:/, '');
      return join(storageDir, 'docker', 'registry', 'v2', 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
    },
    log: () => readFileSync(logFile, 'utf8'),
    stop,
  };
}

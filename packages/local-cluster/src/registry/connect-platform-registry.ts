import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { KubeClient, ResourceClient, type KubeObject } from '@floe/kube';
import { LocalClusterError } from '../local-cluster-error.js';
import { containerdPaths } from '../node/containerd.js';
import { nodeDirOf } from '../node/real-node.js';
import { packageRoot } from '../package-root.js';
import { logTail, startClusterProcess } from '../process/cluster-process.js';
import { clusterPidFileName, forgetProcess, isAlive, killProcessGroups, readPidFile, recordProcess } from '../process/pid-file.js';
import { localRegistryName, localRegistryPort, writeRegistryHosts } from './registry-hosts.js';

/** The Service of the platform's registry, as the platform renders it. */
export interface RegistryServiceRef {
  readonly namespace: string;
  readonly name: string;
  readonly port: number;
}

/** What connectPlatformRegistry set up. */
export interface ConnectedRegistry {
  /** The name images use: `localhost:5001`. */
  readonly registry: string;
  /** The Service's ClusterIP and port the node pulls from. */
  readonly upstream: string;
  /** containerd's hosts.toml for `registry`. */
  readonly hostsFile: string;
  /** The forwarder process of `127.0.0.1:5001` and whether an earlier run's was kept. */
  readonly forwarder: { readonly pid: number; readonly reused: boolean };
}

/** The process name of the forwarder in the cluster's pid file. */
export const registryForwarderName = 'registry-forwarder';

const forwarderStateFile = (clusterDir: string) => join(clusterDir, 'registry', 'forwarder.json');

interface ForwarderState {
  readonly pid: number;
  readonly upstream: string;
}

/**
 * The local-registry pattern kind documents, with the platform's own
 * registry: containerd of the real node pulls `localhost:5001/...` from the
 * registry Service's ClusterIP over plain HTTP (a hosts.toml under the
 * node's `config_path`, read on every pull: no restart), and `localhost:5001`
 * on the host reaches the same Service for pushes — through a TCP forwarder
 * on 127.0.0.1 run as a process of the cluster (recorded in its pid file, so
 * the cluster's stop and `floe dev down` end it). The host reaches the
 * ClusterIP through kube-proxy's rules for locally generated traffic.
 *
 * Idempotent: run again, it keeps a live forwarder to the same address and
 * rewrites nothing; after the Service moved it replaces both.
 */
export async function connectPlatformRegistry(clusterDir: string, service: RegistryServiceRef, options: { readonly timeoutMs?: number } = {}): Promise<ConnectedRegistry> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const containerd = containerdPaths(nodeDirOf(clusterDir));
  if (!existsSync(containerd.config)) {
    throw new LocalClusterError('REAL_NODE_NOT_RUNNING', `the local cluster in ${clusterDir} has no real node (no ${containerd.config}): start one with floe dev up (as root)`, { category: 'not-ready' });
  }
  const upstream = await serviceAddress(join(clusterDir, 'kubeconfig'), service);
  const hosts = writeRegistryHosts(containerd.certsDir, { registry: localRegistryName, upstream });
  const forwarder = await ensureForwarder(clusterDir, upstream, timeoutMs);
  return { registry: localRegistryName, upstream, hostsFile: hosts.file, forwarder };
}

/** `CLUSTERIP:PORT` of the registry Service, read through the API. */
async function serviceAddress(kubeconfig: string, service: RegistryServiceRef): Promise<string> {
  if (!existsSync(kubeconfig)) throw new LocalClusterError('REAL_NODE_NOT_RUNNING', `no local cluster: ${kubeconfig} does not exist (start one with floe dev up)`, { category: 'not-ready' });
  const client = await KubeClient.connect({ kubeconfig });
  let found: (KubeObject & { spec?: { clusterIP?: string; ports?: { port: number }[] } }) | undefined;
  try {
    found = await new ResourceClient(client).get({ apiVersion: 'v1', kind: 'Service', namespace: service.namespace, name: service.name });
  } finally {
    client.close();
  }
  const where = `Service ${service.namespace}/${service.name}`;
  if (!found) throw new LocalClusterError('PLATFORM_REGISTRY_SERVICE_MISSING', `the platform's registry ${where} does not exist: deploy the platform first (floe platform deploy -f <platform.yaml>)`, { category: 'not-ready' });
  const clusterIp = found.spec?.clusterIP;
  if (!clusterIp || clusterIp === 'None') throw new LocalClusterError('PLATFORM_REGISTRY_SERVICE_MISSING', `${where} has no ClusterIP (a headless Service): the node cannot pull through it`, { category: 'not-ready' });
  if (!found.spec?.ports?.some((port) => port.port === service.port)) throw new LocalClusterError('PLATFORM_REGISTRY_SERVICE_MISSING', `${where} does not serve port ${service.port}: deploy the platform again`, { category: 'not-ready' });
  return `${clusterIp}:${service.port}`;
}

/** Keeps a live forwarder to `upstream`, or replaces the recorded one, and waits until the registry answers through it. */
async function ensureForwarder(clusterDir: string, upstream: string, timeoutMs: number): Promise<{ pid: number; reused: boolean }> {
  const pidFile = join(clusterDir, clusterPidFileName);
  const stateFile = forwarderStateFile(clusterDir);
  const state = readState(stateFile);
  const recorded = readPidFile(pidFile).find((entry) => entry.name === registryForwarderName);
  if (state && recorded?.pid === state.pid && isAlive(state.pid) && state.upstream === upstream && await registryAnswers()) {
    return { pid: state.pid, reused: true };
  }
  const stale = [recorded?.pid, state?.pid].filter((pid): pid is number => pid !== undefined && isAlive(pid));
  if (stale.length > 0) await killProcessGroups(stale, 1500);
  forgetProcess(pidFile, registryForwarderName);
  rmSync(stateFile, { force: true });
  await assertPortFree(localRegistryPort);

  const [host, port] = splitHostPort(upstream);
  const logDir = join(clusterDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const started = startClusterProcess(registryForwarderName, process.execPath, [join(packageRoot, 'dist', 'registry-forwarder.js'), '127.0.0.1', String(localRegistryPort), host, port], logDir);
  recordProcess(pidFile, { name: registryForwarderName, pid: started.pid });
  mkdirSync(join(clusterDir, 'registry'), { recursive: true });
  writeFileSync(stateFile, JSON.stringify({ pid: started.pid, upstream } satisfies ForwarderState));

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (started.exited) {
      forgetProcess(pidFile, registryForwarderName);
      rmSync(stateFile, { force: true });
      const log = logTail(started, 5);
      if (log.includes('EADDRINUSE')) throw portTaken();
      throw new LocalClusterError('REGISTRY_FORWARDER_FAILED', `the registry forwarder exited (${started.exited.code ?? started.exited.signal}); last lines of ${started.logFile}:\n${log}`, { category: 'unavailable' });
    }
    if (await registryAnswers()) return { pid: started.pid, reused: false };
    if (Date.now() > deadline) {
      await killProcessGroups([started.pid], 1500);
      forgetProcess(pidFile, registryForwarderName);
      rmSync(stateFile, { force: true });
      throw new LocalClusterError('PLATFORM_REGISTRY_UNREACHABLE', `the platform's registry did not answer at ${upstream} (through ${localRegistryName}) within ${timeoutMs} ms: is its pod Ready? (floe platform status -f <platform.yaml>)`, { category: 'unavailable' });
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function portTaken(): LocalClusterError {
  return new LocalClusterError('LOCAL_REGISTRY_PORT_TAKEN', `port ${localRegistryPort} on 127.0.0.1 is taken by another program: free it (ss -ltnp 'sport = :${localRegistryPort}') and run again`);
}

/** Fails with LOCAL_REGISTRY_PORT_TAKEN when something else listens on 127.0.0.1:port. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? portTaken() : error));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** True when the OCI distribution API answers at localhost:5001 (200, or 401 from a registry with auth). */
function registryAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port: localRegistryPort, path: '/v2/', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 || response.statusCode === 401);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function readState(file: string): ForwarderState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ForwarderState;
  } catch {
    return undefined;
  }
}

function splitHostPort(address: string): [string, string] {
  const index = address.lastIndexOf(':');
  return [address.slice(0, index), address.slice(index + 1)];
}

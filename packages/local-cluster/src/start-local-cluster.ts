import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KubeClient, ResourceClient } from '@floe/kube';
import { clusterBinaries, type ClusterBinaries } from './binaries/cluster-binaries.js';
import { writeKubeconfig } from './kubeconfig/write-kubeconfig.js';
import { createFakeNodes, waitForNodesReady } from './nodes/fake-nodes.js';
import { generatePki } from './pki/generate-pki.js';
import { startClusterProcess, type ClusterProcess } from './process/cluster-process.js';
import { freePorts } from './process/free-port.js';
import { clusterPidFileName, killProcessGroups, killRecorded, readPidFile, writePidFile } from './process/pid-file.js';
import { removeClusterDir, removeClusterState } from './process/remove-cluster-dir.js';
import { httpGetOk } from './readiness/http-get-ok.js';
import { waitUntil } from './readiness/wait-until.js';
import { hostPathVolumeRoot } from './storage/volume-permissions.js';
import { installStorage } from './storage/install-storage.js';
import { readProvisionedVolumes, removeProvisionedVolumes } from './storage/provisioned-volumes.js';
import { writeKwokLogsConfig } from './kwok/kwok-logs-config.js';
import { packageRoot, stagesDir } from './package-root.js';
import { LocalClusterError } from './local-cluster-error.js';
import type { NodePki } from './pki/generate-pki.js';
import { loadImages } from './node/load-images.js';
import { aggregationLayerArgs } from './control-plane/aggregation-layer.js';
import { installMetricsServer, metricsServerCertificatesIn } from './addons/install-metrics-server.js';
import { isMetricsServerImage } from './addons/metrics-server.js';
import { nodeNetwork } from './node/node-network.js';
import { ensureDiskHeadroom, realNodeStartBytes } from './node/disk-headroom.js';
import { checkRealNodePrerequisites, prepareRealNodeHost, realNodeName, startRealNode, stopRealNodeIn, type RealNode } from './node/real-node.js';

export interface LocalClusterOptions {
  /** State directory (PKI, etcd data, logs, kubeconfig). Default: a new temp dir, removed by stop(). */
  readonly dir?: string;
  /**
   * Start a real node (kubelet + containerd + CNI + kube-proxy + CoreDNS +
   * NetworkPolicy enforcement) on this machine. Default true; needs root and
   * Linux. One real node per machine at a time.
   */
  readonly realNode?: boolean;
  /**
   * kwok fake nodes to create (default 0 with a real node, else 1). Beside a
   * real node they carry the taint `floe.dev/fake-node=true:NoSchedule`, so
   * only pods that tolerate it land there.
   */
  readonly fakeNodes?: number;
  /** Cluster and context name (default `floe-local`). */
  readonly name?: string;
  /** Bound on the whole start-up (default 90 s). */
  readonly startTimeoutMs?: number;
  /** Prebuilt binaries; default: build or reuse the cache. */
  readonly binaries?: ClusterBinaries;
  /** Keep the state directory on stop() (default: remove it). */
  readonly keepState?: boolean;
  /**
   * Write the API server's audit log (JSON lines, level Metadata for every
   * request, stage RequestReceived omitted) to `<dir>/logs/audit.log`, e.g. to
   * count a tool's requests by `userAgent`. Default false.
   */
  readonly auditLog?: boolean;
  /**
   * Images to load into the real node once it is Ready (as `loadImages`).
   * When one of them is metrics-server (e.g. localhost/floe-local/metrics-server:v0.8.0-go,
   * built by scripts/build-stand-in-image.sh metrics-server), the cluster
   * installs it and waits for the metrics API (`kubectl top`, HPAs).
   */
  readonly images?: readonly string[];
}

/** A running local control plane. */
export interface LocalCluster {
  readonly name: string;
  readonly dir: string;
  readonly kubeconfigPath: string;
  readonly server: string;
  readonly binaries: ClusterBinaries;
  /** kwok serves this file (CRI log format) as every container's log; append to it to test log streaming. */
  readonly logsFile: string;
  /** The API server's audit log, when started with `auditLog: true`. */
  readonly auditLogPath: string | undefined;
  /** The real node, when the cluster has one. */
  readonly realNode: RealNode | undefined;
  /** Names of the kwok fake nodes. */
  readonly fakeNodes: readonly string[];
  /** The process groups that make up the cluster. */
  readonly processes: readonly { readonly name: string; readonly pid: number }[];
  /** Kills the API server and starts it again on the same port (for fault-injection tests). */
  restartApiServer(options?: { downtimeMs?: number }): Promise<void>;
  /** Puts local images (references in docker/podman, or archive files) into the real node's containerd. */
  loadImages(images: readonly string[]): { image: string; names: string[] }[];
  /** Ends every process group, undoes the real node's host changes, then removes the state and the volume directories its PersistentVolumes had (unless kept). Idempotent. */
  stop(): Promise<void>;
}

const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
`;
// A throwaway cluster needs no orderly shutdown (etcd runs without fsync anyway): SIGTERM, then SIGKILL soon after.
const stopGraceMs = 1500;

/**
 * Starts etcd -> kube-apiserver -> controller-manager, scheduler and kwok as
 * process groups, with fresh PKI and free ports; then the real node (see
 * startRealNode) unless `realNode: false`, and the asked-for kwok fake nodes;
 * waits for every node to be Ready and for the `default` ServiceAccount, and
 * returns a kubeconfig. A pid file in `dir` lets a later start (or `floe dev
 * down`) clean up after a crash, host changes of the real node included.
 */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const started = Date.now();
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const remaining = () => Math.max(1000, timeoutMs - (Date.now() - started));
  const name = options.name ?? 'floe-local';
  const dir = resolve(options.dir ?? mkdtempSync(join(tmpdir(), 'floe-cluster-')));
  mkdirSync(dir, { recursive: true });
  const pidFile = join(dir, clusterPidFileName);
  if (existsSync(pidFile)) await killRecorded(pidFile);
  if (existsSync(join(dir, 'node'))) await stopRealNodeIn(dir);
  for (const stale of ['pki', 'etcd', 'logs', 'kubeconfig', 'kwok', 'node']) rmSync(join(dir, stale), { recursive: true, force: true });
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const withRealNode = options.realNode ?? true;
  const fakeNodeCount = options.fakeNodes ?? (withRealNode ? 0 : 1);
  if (withRealNode) {
    checkRealNodePrerequisites();
    ensureDiskHeadroom(dir, realNodeStartBytes, 'starting the real node', { clusterDir: dir });
  }
  const binaries = options.binaries ?? clusterBinaries();
  const pki = generatePki(join(dir, 'pki'), withRealNode ? { node: { name: realNodeName, ip: nodeNetwork.nodeIp } } : {});
  const [etcdPort, etcdPeerPort, freeApiPort, controllerPort, schedulerPort, kwokPort, ...nodePorts] = (await freePorts(12)) as [number, number, number, number, number, number, number, number, number, number, number, number];
  // With a real node the API server listens on the node IP: pods reach it through the `kubernetes` Service.
  const apiAddress = withRealNode ? nodeNetwork.nodeIp : '127.0.0.1';
  // ...on 6443, as kubeadm and kind run it: pods' NetworkPolicies see this port (after the Service's DNAT), and
  // the default egress rule for the API server allows 443 and 6443. The node's own address keeps it free.
  const apiPort = withRealNode ? nodeNetwork.apiServerPort : freeApiPort;
  const server = `https://${apiAddress}:${apiPort}`;
  const kubeconfigPath = join(dir, 'kubeconfig');
  const processes: ClusterProcess[] = [];
  // Names this start launched; other entries of the pid file were added later by other commands (floe dev registry's forwarder).
  const launchedNames = new Set<string>();
  const addedLater = () => readPidFile(pidFile).filter((entry) => !launchedNames.has(entry.name));
  const record = () => writePidFile(pidFile, [...processes.map(({ name: processName, pid }) => ({ name: processName, pid })), ...addedLater()]);
  const endAll = (graceMs: number) => killProcessGroups([...processes.map((process) => process.pid), ...addedLater().map((entry) => entry.pid)], graceMs);
  const kwokLogs = writeKwokLogsConfig(join(dir, 'kwok'));
  const launch = (processName: string, binary: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
    const process = startClusterProcess(processName, binary, args, logDir, env);
    launchedNames.add(processName);
    processes.push(process);
    record();
    return process;
  };
  const tls = { ca: readFileSync(pki.caCert), cert: readFileSync(pki.adminCert), key: readFileSync(pki.adminKey) };

  const apiServerArgs = [
    `--etcd-servers=http://127.0.0.1:${etcdPort}`,
    `--bind-address=${apiAddress}`, `--secure-port=${apiPort}`,
    // A real node's pods reach the API server at the advertised address; a loopback one cannot be an endpoint.
    ...(withRealNode ? [`--advertise-address=${apiAddress}`] : ['--advertise-address=127.0.0.1', '--endpoint-reconciler-type=none']),
    `--tls-cert-file=${pki.serverCert}`, `--tls-private-key-file=${pki.serverKey}`, `--client-ca-file=${pki.caCert}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.serviceAccountPublicKey}`, `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    '--service-cluster-ip-range=10.96.0.0/16',
    ...(withRealNode ? ['--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction'] : ['--authorization-mode=RBAC']),
    `--kubelet-client-certificate=${pki.adminCert}`, `--kubelet-client-key=${pki.adminKey}`,
    `--kubelet-certificate-authority=${pki.caCert}`, '--kubelet-preferred-address-types=InternalIP',
    '--allow-privileged=true', '--profiling=false',
    // The aggregation layer (metrics.k8s.io through metrics-server, as `kubectl top` and HPAs read it).
    ...aggregationLayerArgs(pki.frontProxy, { routeToEndpoints: withRealNode }),
  ];
  const auditLogPath = options.auditLog ? join(logDir, 'audit.log') : undefined;
  if (auditLogPath) {
    const policyFile = join(dir, 'audit-policy.yaml');
    writeFileSync(policyFile, auditPolicy);
    // Blocking mode: events are written synchronously as each request finishes (no batching delay).
    apiServerArgs.push(`--audit-policy-file=${policyFile}`, `--audit-log-path=${auditLogPath}`, '--audit-log-format=json', '--audit-log-mode=blocking', '--audit-log-maxsize=0');
  }
  const startApiServer = async () => {
    const process = launch('kube-apiserver', binaries.kubeApiserver, apiServerArgs);
    await waitUntil('kube-apiserver /readyz', () => httpGetOk(`${server}/readyz`, tls), { timeoutMs: remaining(), processes: [process] });
    return process;
  };

  let realNode: RealNode | undefined;
  let fakeNodeNames: string[];
  try {
    if (withRealNode) await prepareRealNodeHost(dir);
    const etcd = launch('etcd', binaries.etcd, [
      '--name=floe', `--data-dir=${join(dir, 'etcd')}`,
      `--listen-client-urls=http://127.0.0.1:${etcdPort}`, `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
      `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`, `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
      `--initial-cluster=floe=http://127.0.0.1:${etcdPeerPort}`, '--initial-cluster-state=new',
      '--unsafe-no-fsync', '--log-level=warn', '--quota-backend-bytes=4294967296',
    ]);
    await waitUntil('etcd /health', () => httpGetOk(`http://127.0.0.1:${etcdPort}/health`), { timeoutMs: remaining(), processes: [etcd] });
    await startApiServer();
    writeKubeconfig(kubeconfigPath, { server, name, caCert: pki.caCert, clientCert: pki.adminCert, clientKey: pki.adminKey });
    const controllerManager = launch('kube-controller-manager', binaries.kubeControllerManager, [
      `--kubeconfig=${kubeconfigPath}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${controllerPort}`,
      `--service-account-private-key-file=${pki.serviceAccountKey}`, `--root-ca-file=${pki.caCert}`, '--use-service-account-credentials=true',
      `--cluster-signing-cert-file=${pki.caCert}`, `--cluster-signing-key-file=${pki.caKey}`,
      '--service-cluster-ip-range=10.96.0.0/16', '--controllers=*', '--enable-hostpath-provisioner=true',
      ...(withRealNode ? ['--allocate-node-cidrs=true', `--cluster-cidr=${nodeNetwork.podCidr}`, '--node-cidr-mask-size=24'] : []),
    ]);
    // A real node's non-root pods must be able to write their PersistentVolumes (see volume-permissions.ts).
    if (withRealNode) launch('volume-permissions', process.execPath, [join(packageRoot, 'dist', 'volume-permissions.js'), hostPathVolumeRoot]);
    const scheduler = launch('kube-scheduler', binaries.kubeScheduler, [
      `--kubeconfig=${kubeconfigPath}`, '--leader-elect=false', '--bind-address=127.0.0.1', `--secure-port=${schedulerPort}`,
    ]);
    const kwok = launch('kwok', binaries.kwok, [
      `--kubeconfig=${kubeconfigPath}`, `--config=${stagesDir}`, `--config=${kwokLogs.configFile}`,
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake', `--cidr=${withRealNode ? '10.245.0.0/16' : '10.244.0.0/16'}`,
      '--node-ip=127.0.0.1', `--node-port=${kwokPort}`, `--server-address=127.0.0.1:${kwokPort}`,
      `--tls-cert-file=${pki.serverCert}`, `--tls-private-key-file=${pki.serverKey}`, '--node-lease-duration-seconds=40',
    ], { KWOK_WORKDIR: join(dir, 'kwok') });
    const client = await KubeClient.connect({ kubeconfig: kubeconfigPath });
    try {
      const resources = new ResourceClient(client);
      fakeNodeNames = await createFakeNodes(resources, { count: fakeNodeCount, kubeletPort: kwokPort, tainted: withRealNode });
      await installStorage(resources);
      const watched = [etcd, controllerManager, scheduler, kwok];
      if (withRealNode) {
        const [kubelet, kubeletHealthz, proxyHealthz, proxyMetrics, routerHealth, containerdMetrics] = nodePorts;
        realNode = await startRealNode({
          clusterDir: dir, binaries, server, clusterName: name, caCert: pki.caCert, adminKubeconfig: kubeconfigPath,
          nodePki: pki.node as NodePki, resources, ports: { kubelet, kubeletHealthz, proxyHealthz, proxyMetrics, routerHealth, containerdMetrics },
          launch, remaining,
        });
      }
      const nodeNames = fakeNodeNames;
      await waitForNodesReady(resources, nodeNames, (check) => waitUntil(`nodes ${nodeNames.join(', ')} Ready`, check, { timeoutMs: remaining(), processes: watched }));
      await waitUntil('the default ServiceAccount', async () => (await resources.get({ apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'default', name: 'default' })) !== undefined, { timeoutMs: remaining(), processes: watched });
      if (options.images && options.images.length > 0) {
        if (!realNode) throw new LocalClusterError('REAL_NODE_NOT_RUNNING', 'images can only be loaded into a real node (this cluster starts with realNode: false)');
        const metricsServer = loadImages(realNode, options.images).flatMap((loaded) => loaded.names).find(isMetricsServerImage);
        // Its own bound: it answers after its first scrape, whatever the rest of the start-up took.
        if (metricsServer) await installMetricsServer(resources, metricsServer, metricsServerCertificatesIn(dir));
      }
    } finally {
      client.close();
    }
  } catch (error) {
    await endAll(2000);
    rmSync(pidFile, { force: true });
    if (withRealNode) await stopRealNodeIn(dir);
    // A directory this start made up is nobody's to reuse: drop its images and etcd data (gigabytes with a
    // real node), keep its logs for the error's reader.
    if (options.dir === undefined && !options.keepState) removeClusterState(dir);
    throw error;
  }

  let stopped = false;
  return {
    name, dir, kubeconfigPath, server, binaries, logsFile: kwokLogs.logsFile, auditLogPath, realNode, fakeNodes: fakeNodeNames,
    loadImages(images) {
      if (!realNode) throw new LocalClusterError('REAL_NODE_NOT_RUNNING', 'this cluster has no real node to load images into (started with realNode: false)');
      return loadImages(realNode, images);
    },
    get processes() {
      return processes.filter((process) => !process.exited).map(({ name: processName, pid }) => ({ name: processName, pid }));
    },
    async restartApiServer({ downtimeMs = 0 } = {}) {
      const index = processes.findIndex((process) => process.name === 'kube-apiserver' && !process.exited);
      const current = processes[index];
      if (current) {
        await killProcessGroups([current.pid], 5000);
        processes.splice(index, 1);
        if (!stopped) record();
      }
      if (downtimeMs > 0) await new Promise((resolveWait) => setTimeout(resolveWait, downtimeMs));
      // A test that failed meanwhile may have stopped the cluster: nothing to bring back.
      if (!stopped) await startApiServer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // The provisioner's volume directories outlive the cluster (outside its directory): the API server names them.
      const volumes = options.keepState ? [] : await readProvisionedVolumes(kubeconfigPath);
      await endAll(stopGraceMs);
      rmSync(pidFile, { force: true });
      await stopRealNodeIn(dir);
      if (!options.keepState) {
        removeClusterDir(dir);
        removeProvisionedVolumes(volumes);
      }
    },
  };
}

/** Stops a cluster left running in `dir` (by `floe dev up` or a crashed run), from its pid file. */
export async function stopLocalClusterIn(dir: string, options: { removeState?: boolean } = {}): Promise<number> {
  // With its state, the cluster's volumes go: read from its API server while it still runs (see stop()).
  const volumes = options.removeState && existsSync(join(dir, clusterPidFileName)) ? await readProvisionedVolumes(join(dir, 'kubeconfig')) : [];
  const recorded = await killRecorded(join(dir, clusterPidFileName));
  await stopRealNodeIn(dir);
  if (options.removeState) {
    removeClusterDir(dir);
    removeProvisionedVolumes(volumes);
  }
  return recorded.length;
}

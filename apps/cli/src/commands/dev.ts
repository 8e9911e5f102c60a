import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exitCodes } from '../exit-codes.js';
import { wholeNumber } from '../flag-values.js';
import { shellWord } from '../shell-word.js';
import type { Output } from '../output.js';
import { loadSpecInput } from '../spec-input.js';
import { NoPlatformRegistryError } from '../errors/no-platform-registry-error.js';

/** Where `floe dev` keeps its cluster: a git-ignored folder of the project. */
export function devClusterDir(): string {
  return resolve(process.env['FLOE_DEV_DIR'] ?? '.floe/dev');
}

// Loaded on use: the cluster code pulls in the Kubernetes client, which other commands should not pay for at start-up.
const localCluster = () => import('@floe/local-cluster');
const manifests = () => import('@floe/manifests');

/** `floe dev up | down | status | load | registry`: a local control plane in the background for this project. */
export function registerDev(program: Command, output: Output, setExit: (code: number) => void): void {
  const dev = program.command('dev').description('a local Kubernetes cluster for this project: control plane, one real node (kubelet + containerd), kwok fake nodes on request');

  dev.command('up')
    .description('start the local cluster in the background (reuses a running one); the real node needs root')
    .option('--fake-nodes <count>', 'kwok fake nodes, tainted floe.dev/fake-node=true:NoSchedule beside the real node (default: 0, or 1 without a real node)', wholeNumber(0))
    .option('--no-real-node', 'no kubelet node: kwok fake nodes only (no container starts)')
    .action(async (options: { fakeNodes?: number; realNode: boolean }) => {
      const { localClusterStatus, startLocalCluster } = await localCluster();
      const dir = devClusterDir();
      const current = await localClusterStatus(dir);
      if (current.ready) {
        output.out(`local cluster already running at ${current.server ?? '?'}`);
      } else {
        const started = Date.now();
        const cluster = await startLocalCluster({ dir, name: 'floe-dev', realNode: options.realNode, ...(options.fakeNodes === undefined ? {} : { fakeNodes: options.fakeNodes }), keepState: true });
        const nodes = [cluster.realNode ? `real node ${cluster.realNode.name}` : '', cluster.fakeNodes.length > 0 ? `${cluster.fakeNodes.length} kwok fake node(s)` : ''].filter(Boolean).join(' + ');
        output.out(`local cluster ready at ${cluster.server} in ${((Date.now() - started) / 1000).toFixed(1)} s (${nodes})`);
      }
      const kubeconfig = resolve(dir, 'kubeconfig');
      output.out(`kubeconfig: ${kubeconfig}\n  export KUBECONFIG=${shellWord(kubeconfig)}\n  kubectl get nodes\nstop it with: floe dev down`);
      setExit(exitCodes.ok);
    });

  dev.command('load')
    .description('put local images (docker/podman references or OCI/docker archive files) into the real node, as `kind load` does; a metrics-server image is also installed')
    .argument('<images...>', 'image references or archive files')
    .action(async (images: string[]) => {
      const { installMetricsServerIn, isMetricsServerImage, loadImagesIn } = await localCluster();
      const loaded = loadImagesIn(devClusterDir(), images);
      for (const entry of loaded) output.out(`loaded ${entry.image}${entry.names.length > 0 ? ` as ${entry.names.join(', ')}` : ''}`);
      // As kind users do once their cluster is up: with metrics-server, `kubectl top` and HPAs work.
      const metricsServer = loaded.flatMap((entry) => entry.names).find(isMetricsServerImage);
      if (metricsServer) {
        await installMetricsServerIn(devClusterDir(), metricsServer);
        output.out(`installed metrics-server (${metricsServer}): kubectl top and HorizontalPodAutoscalers work`);
      }
      setExit(exitCodes.ok);
    });

  dev.command('registry')
    .description('after the platform is deployed: the real node pulls localhost:5001/... from the platform\'s registry, and localhost:5001 on this host reaches it for pushes (kind\'s local-registry pattern); run again after a redeploy')
    .requiredOption('-f, --file <platform.yaml>', 'the Platform file whose in-cluster registry to use')
    .action(async (options: { file: string }) => {
      const input = await loadSpecInput(options.file, [], output);
      if (!input) {
        setExit(exitCodes.invalidInput);
        return;
      }
      const service = (await manifests()).registryService(input.platform);
      if (!service) throw new NoPlatformRegistryError(options.file, input.platform.spec.registry.enabled ? 'external' : 'disabled');
      const { connectPlatformRegistry } = await localCluster();
      const connected = await connectPlatformRegistry(devClusterDir(), service);
      output.out(`the real node pulls ${connected.registry}/... from Service ${service.namespace}/${service.name} (${connected.upstream}, plain HTTP): ${connected.hostsFile}`);
      output.out(`${connected.registry} on this host forwards to it (pid ${connected.forwarder.pid}${connected.forwarder.reused ? ', already running' : ''}; stopped by floe dev down)`);
      output.out(`push a step image:\n  podman push --tls-verify=false IMAGE ${connected.registry}/TEAM/NAME:TAG\nand name it ${connected.registry}/TEAM/NAME:TAG in the pipeline`);
      setExit(exitCodes.ok);
    });

  dev.command('down')
    .description('stop the local cluster and remove its state')
    .action(async () => {
      const { stopLocalClusterIn } = await localCluster();
      const stopped = await stopLocalClusterIn(devClusterDir(), { removeState: true });
      output.out(stopped > 0 ? `stopped ${stopped} processes; host restored` : 'no local cluster was running');
      setExit(exitCodes.ok);
    });

  dev.command('status')
    .description('say what runs; exits 3 when no cluster runs or it is not ready')
    .action(async () => {
      const { localClusterStatus } = await localCluster();
      const status = await localClusterStatus(devClusterDir());
      if (status.processes.length === 0) {
        output.out('no local cluster (start one with: floe dev up)');
        setExit(exitCodes.notReady);
        return;
      }
      output.out(`local cluster ${status.ready ? 'ready' : 'NOT ready'}${status.server ? ` at ${status.server}` : ''}`);
      for (const entry of status.processes) output.out(`  ${entry.name.padEnd(24)} pid ${String(entry.pid).padEnd(8)} ${entry.alive ? 'running' : 'gone'}`);
      output.out(`kubeconfig: ${status.kubeconfigPath}`);
      setExit(status.ready ? exitCodes.ok : exitCodes.notReady);
    });
}

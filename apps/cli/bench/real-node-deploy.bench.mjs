// Deploy + wait until ready on a real node (issue 17): `floe platform deploy` of the local example platform
// (real Dagster, Iceberg REST catalog, MinIO, registry, OTel collector, Prometheus pods) against
// `kubectl apply --server-side` of the same rendered objects followed by parallel `kubectl rollout status` /
// `kubectl wait`, side by side on the cluster KUBECONFIG (or --kubeconfig) names, whose node must have the
// platform's images (`floe dev up` + `floe dev load $(scripts/build-platform-images.sh)`). It starts no cluster.
// Each deploy goes to new namespaces, removed (and waited gone) outside the measured window; the order of the
// tools alternates per run. Besides the wall time it counts container restarts (a server that started before
// its database crash-loops) and says whether every workload ended ready.
// node bench/real-node-deploy.bench.mjs [--kubeconfig F] [--runs 3] [--timeout-seconds 600] [--json FILE]
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeClient, ResourceClient } from '@floe/kube';
import { clusterBinaries } from '@floe/local-cluster';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { credentialSecrets, kubectl, median, kubectlWaitArgs, kubectlWaitTargets } from '../../../packages/apply/bench/bench-helpers.mjs';

const { values } = parseArgs({ options: {
  kubeconfig: { type: 'string' }, runs: { type: 'string', default: '3' }, 'timeout-seconds': { type: 'string', default: '600' }, json: { type: 'string' },
  floe: { type: 'string', default: fileURLToPath(new URL('../dist/cli.js', import.meta.url)) },
} });
const runs = Number(values.runs);
const timeoutSeconds = Number(values['timeout-seconds']);
const kubeconfig = values.kubeconfig ?? process.env.KUBECONFIG;
if (!kubeconfig) throw new Error('name the cluster: --kubeconfig or KUBECONFIG');
const log = (text) => process.stderr.write(`${text}\n`);
const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();
const examples = new URL('../../../examples/local/', import.meta.url);
const platformText = readFileSync(new URL('platform.yaml', examples), 'utf8');
const pipelineFile = fileURLToPath(new URL('orders.yaml', examples));
const work = mkdtempSync(join(tmpdir(), 'floe-real-deploy-bench-'));
const kubectlFlags = [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(work, 'kube-cache')}`];
const kubectlBinary = clusterBinaries().kubectl;
const runKubectl = (args) => kubectl(kubectlBinary, [...args, ...kubectlFlags]);
const client = await KubeClient.connect({ kubeconfig });
const resources = new ResourceClient(client);

const nodes = await resources.list('v1', 'Node');
const realNodes = nodes.items.filter((node) => node.metadata.labels?.type !== 'kwok').map((node) => node.metadata.name);
if (realNodes.length === 0) throw new Error('this cluster has no real node (only kwok nodes): the pods would not start');

/** A copy of the local platform in its own namespaces: the spec file for floe, the rendered objects for kubectl. */
function inputs(id) {
  const text = platformText.replace('platform: floe-local-platform', `platform: ${id}-platform`).replace('jobs: floe-local-jobs', `jobs: ${id}-jobs`);
  const spec = join(work, `${id}.yaml`);
  writeFileSync(spec, text);
  const platform = parsePlatformSpec(text, { file: spec });
  const pipeline = parsePipelineSpec(readFileSync(pipelineFile, 'utf8'), { file: pipelineFile });
  const rendered = renderPlatform(platform, { pipelines: [pipeline] });
  const namespaces = rendered.objects.filter((object) => object.kind === 'Namespace');
  const rest = rendered.objects.filter((object) => object.kind !== 'Namespace');
  // JSON, not YAML: kubectl's YAML 1.1 reader must not see floe's YAML.
  const list = join(work, `${id}-kubectl.json`);
  writeFileSync(list, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...credentialSecrets(rendered.generatedCredentials), ...rest] }));
  const waitFor = kubectlWaitTargets(rendered.objects);
  return { id, spec, list, waitFor, namespaces: [`${id}-platform`, `${id}-jobs`] };
}


function floe(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [values.floe, ...args], { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ ok: !error, output: `${stdout}${stderr}` });
    });
  });
}

/** Container restarts in the namespaces, and the pods that ran on a real node. */
async function podFacts(namespaces) {
  let restarts = 0;
  const onNodes = new Set();
  for (const namespace of namespaces) {
    for (const pod of (await resources.list('v1', 'Pod', { namespace })).items) {
      for (const status of pod.status?.containerStatuses ?? []) restarts += status.restartCount ?? 0;
      if (pod.spec?.nodeName) onNodes.add(pod.spec.nodeName);
    }
  }
  return { restarts, nodes: [...onNodes] };
}

async function removeNamespaces(namespaces) {
  await Promise.all(namespaces.map((name) => resources.delete({ apiVersion: 'v1', kind: 'Namespace', name }).catch(() => undefined)));
  for (let waited = 0; waited < 300_000; waited += 1000) {
    const left = await Promise.all(namespaces.map((name) => resources.get({ apiVersion: 'v1', kind: 'Namespace', name })));
    if (left.every((namespace) => !namespace)) return;
    await sleep(1000);
  }
  log(`warning: ${namespaces.join(', ')} still terminating after 300 s; going on`);
}

const results = [];
async function measure(tool, runIndex, input, action) {
  const started = performance.now();
  const ok = await action();
  const ms = performance.now() - started;
  const facts = await podFacts(input.namespaces);
  results.push({ tool, run: runIndex, ms, ok, ...facts });
  log(`  ${tool.padEnd(8)} ${(ms / 1000).toFixed(1)} s, ${ok ? 'ready' : 'NOT READY'}, ${facts.restarts} container restarts, pods on ${facts.nodes.join(', ')}`);
  await removeNamespaces(input.namespaces);
}

try {
  log(`real node(s): ${realNodes.join(', ')}`);
  for (let runIndex = 1; runIndex <= runs; runIndex++) {
    log(`run ${runIndex}/${runs}`);
    const floeInput = inputs(`rd${runIndex}f`);
    const kubectlInput = inputs(`rd${runIndex}k`);
    const floeStep = () => measure('floe', runIndex, floeInput, async () => {
      const result = await floe(['platform', 'deploy', '-f', floeInput.spec, '-p', pipelineFile, '--timeout', String(timeoutSeconds)]);
      if (!result.ok) log(result.output.split('\n').slice(-15).join('\n'));
      return result.ok;
    });
    const kubectlStep = () => measure('kubectl', runIndex, kubectlInput, async () => {
      await runKubectl(['apply', '--server-side', '--field-manager=kubectl-bench', '-f', kubectlInput.list]);
      const waits = await Promise.allSettled(kubectlInput.waitFor.map((target) => runKubectl(kubectlWaitArgs(target, timeoutSeconds))));
      return waits.every((wait) => wait.status === 'fulfilled');
    });
    for (const step of runIndex % 2 === 0 ? [kubectlStep, floeStep] : [floeStep, kubectlStep]) await step();
  }
  const of = (tool) => {
    const measured = results.filter((result) => result.tool === tool);
    return { medianMs: median(measured.map((result) => result.ms)), runsMs: measured.map((result) => Math.round(result.ms)), allReady: measured.every((result) => result.ok), medianRestarts: median(measured.map((result) => result.restarts)), nodes: [...new Set(measured.flatMap((result) => result.nodes))] };
  };
  const floeRow = of('floe');
  const kubectlRow = of('kubectl');
  const out = (text) => process.stdout.write(`${text}\n`);
  out(`\nreal node (${realNodes.join(', ')}), local example platform + orders code location, ${runs} runs, medians`);
  out('| tool | deploy + wait (s) | runs (s) | all ready | container restarts | pods ran on |');
  out('|---|---:|---|---|---:|---|');
  for (const [label, row] of [['floe platform deploy', floeRow], ['kubectl apply --server-side + parallel rollout status/wait', kubectlRow]]) {
    out(`| ${label} | ${(row.medianMs / 1000).toFixed(1)} | ${row.runsMs.map((ms) => (ms / 1000).toFixed(1)).join(', ')} | ${row.allReady ? 'yes' : 'NO'} | ${row.medianRestarts} | ${row.nodes.join(', ')} |`);
  }
  const loadAfter = readFileSync('/proc/loadavg', 'utf8').trim();
  out(`machine: ${availableParallelism()} CPUs (shared); /proc/loadavg before: ${loadBefore}; after: ${loadAfter}`);
  const met = floeRow.allReady && floeRow.medianMs < kubectlRow.medianMs;
  out(`${met ? 'MET    ' : 'NOT MET'} deploy+wait on the real node faster than kubectl apply + parallel waits: ${(floeRow.medianMs / 1000).toFixed(1)} s vs ${(kubectlRow.medianMs / 1000).toFixed(1)} s`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify({ runs, realNodes, loadBefore, loadAfter, floe: floeRow, kubectl: kubectlRow, results }, null, 2)}\n`);
} finally {
  client.close();
  rmSync(work, { recursive: true, force: true });
}

// The `floe` command as users run it (a new process each time) against kubectl, side by side on
// one local kwok cluster (issue 17): `--version`, first apply, no-op re-deploy, `platform status`,
// and deploy + wait until ready against kubectl apply + parallel `rollout status`/`wait`.
// `node bench/cli.bench.mjs [runs] [--json=<file>] [--floe=<path of cli.js>]` (build first; default 5 runs).
// --floe measures another copy of the CLI, e.g. the one the consumer check installs from the tarballs.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KubeClient, ResourceClient } from '@floe/kube';
import { startLocalCluster } from '@floe/local-cluster';
import { stopOnSignals } from '../../../packages/local-cluster/bench/stop-on-signals.mjs';
import { renderPlatform } from '@floe/manifests';
import { parsePlatformSpec } from '@floe/spec';
import { auditOffset, countRequests, userAgents } from '../../../packages/apply/bench/audit-log.mjs';
import { credentialSecrets, kubectl, median, settle, kubectlWaitArgs, kubectlWaitTargets } from '../../../packages/apply/bench/bench-helpers.mjs';

const argv = process.argv.slice(2);
const runs = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 5);
const jsonFile = argv.find((arg) => arg.startsWith('--json='))?.slice('--json='.length);
const floeCli = argv.find((arg) => arg.startsWith('--floe='))?.slice('--floe='.length) ?? fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const log = (text) => process.stderr.write(`${text}\n`);
const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();

const exampleText = readFileSync(new URL('../../../examples/platform.yaml', import.meta.url), 'utf8');
const platformText = (id) => exampleText.replace('platform: floe-platform', `platform: c${id}-platform`).replace('jobs: floe-jobs', `jobs: c${id}-jobs`);
const namespacesOf = (id) => [`c${id}-platform`, `c${id}-jobs`];
const work = mkdtempSync(join(tmpdir(), 'floe-cli-bench-'));

log('starting a local kwok cluster (audit log on)...');
const platforms = 2 + runs * 4;
const cluster = stopOnSignals(await startLocalCluster({ auditLog: true, realNode: false, fakeNodes: Math.ceil(platforms / 12) }));
const kubeconfig = cluster.kubeconfigPath;
const kubectlFlags = [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(work, 'kube-cache')}`];
const runKubectl = (args, options) => kubectl(cluster.binaries.kubectl, [...args, ...kubectlFlags], options);
const helperClient = await KubeClient.connect({ kubeconfig });
const helper = new ResourceClient(helperClient);

/** Runs the CLI in a new node process, as a user's shell does (KUBECONFIG set, compile cache as installed). */
function floe(args) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [floeCli, ...args], { env: { ...process.env, KUBECONFIG: kubeconfig }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 0) reject(new Error(`floe ${args.join(' ')} exited ${error.code}: ${stderr || stdout}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** The platform's files: the spec for floe; for kubectl the same rendered objects plus the Secrets floe generates. */
function inputs(id) {
  const spec = join(work, `platform-${id}.yaml`);
  writeFileSync(spec, platformText(id));
  const rendered = renderPlatform(parsePlatformSpec(platformText(id)));
  const namespaces = rendered.objects.filter((object) => object.kind === 'Namespace');
  const rest = rendered.objects.filter((object) => object.kind !== 'Namespace');
  // JSON, not YAML: kubectl reads YAML 1.1, where an unquoted `off` in floe's YAML (MinIO's MINIO_UPDATE) is a boolean.
  const yaml = join(work, `kubectl-${id}.json`);
  writeFileSync(yaml, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...namespaces, ...credentialSecrets(rendered.generatedCredentials), ...rest] }));
  const waitFor = kubectlWaitTargets(rendered.objects);
  return { id, spec, yaml, waitFor };
}

const kubectlApply = (input) => runKubectl(['apply', '--server-side', '--field-manager=kubectl-bench', '-f', input.yaml]);

const results = [];
async function measure(scenario, tool, runIndex, action) {
  const from = await auditOffset(cluster.auditLogPath);
  const started = performance.now();
  await action();
  const ms = performance.now() - started;
  const requests = tool === 'floe' || tool === 'kubectl' ? await countRequests(cluster.auditLogPath, from, userAgents[tool]) : undefined;
  results.push({ scenario, tool, run: runIndex, ms, requests: requests?.total, writes: requests?.writes });
  log(`  ${scenario.padEnd(12)} ${tool.padEnd(8)} ${(ms / 1000).toFixed(3)} s${requests ? `, ${requests.total} requests (${requests.writes} writes)` : ''}`);
}

let next = 0;
try {
  // Warm-up, not measured: kubectl's discovery cache on disk and floe's compile cache, as a user has them after any earlier command.
  const warm = inputs(++next);
  await runKubectl(['api-resources', '-o', 'name']);
  await kubectlApply(warm);
  await floe(['--version']);
  const warmFloe = inputs(++next);
  await floe(['platform', 'deploy', '-f', warmFloe.spec, '--no-wait']);
  await floe(['platform', 'status', '-f', warmFloe.spec]).catch(() => undefined);
  await settle(helper, [...namespacesOf(warm.id), ...namespacesOf(warmFloe.id)]);

  for (let runIndex = 1; runIndex <= runs; runIndex++) {
    log(`run ${runIndex}/${runs}`);
    const kubectlFirst = runIndex % 2 === 0;
    const pair = async (floeStep, kubectlStep) => {
      for (const step of kubectlFirst ? [kubectlStep, floeStep] : [floeStep, kubectlStep]) await step();
    };
    await pair(() => measure('version', 'floe', runIndex, () => floe(['--version'])),
      () => measure('version', 'kubectl', runIndex, () => runKubectl(['version', '--client'])));

    const floeApply = inputs(++next);
    const kubectlApplied = inputs(++next);
    await pair(() => measure('apply', 'floe', runIndex, () => floe(['platform', 'deploy', '-f', floeApply.spec, '--no-wait'])),
      () => measure('apply', 'kubectl', runIndex, () => kubectlApply(kubectlApplied)));
    await settle(helper, [...namespacesOf(floeApply.id), ...namespacesOf(kubectlApplied.id)]);

    await pair(() => measure('no-op', 'floe', runIndex, () => floe(['platform', 'deploy', '-f', floeApply.spec])),
      () => measure('no-op', 'kubectl', runIndex, () => kubectlApply(kubectlApplied)));
    await pair(() => measure('status', 'floe', runIndex, () => floe(['platform', 'status', '-f', floeApply.spec])),
      () => measure('status', 'kubectl', runIndex, () => runKubectl(['get', 'deployments,statefulsets', '-n', namespacesOf(kubectlApplied.id)[0]])));

    const floeWait = inputs(++next);
    const kubectlWait = inputs(++next);
    await pair(() => measure('deploy+wait', 'floe', runIndex, () => floe(['platform', 'deploy', '-f', floeWait.spec, '--timeout', '120'])),
      () => measure('deploy+wait', 'kubectl', runIndex, async () => {
        await kubectlApply(kubectlWait);
        await Promise.all(kubectlWait.waitFor.map((target) => runKubectl(kubectlWaitArgs(target, 120))));
      }));
    await settle(helper, [...namespacesOf(floeWait.id), ...namespacesOf(kubectlWait.id)]);
  }

  const of = (scenario, tool) => {
    const measured = results.filter((result) => result.scenario === scenario && result.tool === tool);
    return { medianMs: median(measured.map((result) => result.ms)), runsMs: measured.map((result) => Math.round(result.ms)), requests: median(measured.map((result) => result.requests ?? 0)), writes: Math.max(...measured.map((result) => result.writes ?? 0)) };
  };
  const scenarios = [
    ['version', 'floe --version', 'kubectl version --client'],
    ['apply', 'floe platform deploy --no-wait (new namespaces)', 'kubectl apply --server-side'],
    ['no-op', 'floe platform deploy (again)', 'kubectl apply --server-side (again)'],
    ['status', 'floe platform status -f', 'kubectl get deployments,statefulsets'],
    ['deploy+wait', 'floe platform deploy (new namespaces)', 'kubectl apply + parallel rollout status/wait'],
  ];
  const rows = scenarios.map(([scenario, floeLabel, kubectlLabel]) => ({ scenario, floeLabel, kubectlLabel, floe: of(scenario, 'floe'), kubectl: of(scenario, 'kubectl') }));
  const row = (scenario) => rows.find((entry) => entry.scenario === scenario);
  const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;
  const goals = [
    { goal: 'floe --version <= 0.1 s', value: seconds(row('version').floe.medianMs), met: row('version').floe.medianMs <= 100 },
    { goal: 'first apply >= 2x faster than kubectl apply --server-side', value: `${(row('apply').kubectl.medianMs / row('apply').floe.medianMs).toFixed(2)}x`, met: row('apply').kubectl.medianMs >= 2 * row('apply').floe.medianMs },
    { goal: 'no-op re-deploy <= 0.4 s', value: seconds(row('no-op').floe.medianMs), met: row('no-op').floe.medianMs <= 400 },
    { goal: 'no-op re-deploy <= half of kubectl\'s', value: `${(row('no-op').floe.medianMs / row('no-op').kubectl.medianMs).toFixed(2)} of kubectl's`, met: row('no-op').floe.medianMs * 2 <= row('no-op').kubectl.medianMs },
    { goal: 'no-op re-deploy writes nothing', value: `${row('no-op').floe.writes} writes (max over runs)`, met: row('no-op').floe.writes === 0 },
    { goal: 'floe platform status <= 0.4 s', value: seconds(row('status').floe.medianMs), met: row('status').floe.medianMs <= 400 },
    { goal: 'deploy+wait faster than kubectl apply + parallel waits', value: `${seconds(row('deploy+wait').floe.medianMs)} vs ${seconds(row('deploy+wait').kubectl.medianMs)}`, met: row('deploy+wait').floe.medianMs < row('deploy+wait').kubectl.medianMs },
  ];
  const machine = { cpus: availableParallelism(), loadavgBefore: loadBefore, loadavgAfter: readFileSync('/proc/loadavg', 'utf8').trim(), loadAverage1m: loadavg()[0] };
  const out = (text) => process.stdout.write(`${text}\n`);
  out(`\nfresh processes, ${runs} runs, medians (s); requests from the API server audit log; floe = ${floeCli}`);
  out(`| scenario | floe | median | requests | kubectl | median | requests | floe/kubectl |`);
  out('|---|---|---:|---:|---|---:|---:|---:|');
  for (const entry of rows) {
    out(`| ${entry.scenario} | ${entry.floeLabel} | ${(entry.floe.medianMs / 1000).toFixed(3)} | ${entry.floe.requests} | ${entry.kubectlLabel} | ${(entry.kubectl.medianMs / 1000).toFixed(3)} | ${entry.kubectl.requests} | ${(entry.floe.medianMs / entry.kubectl.medianMs).toFixed(2)} |`);
  }
  out(`machine: ${machine.cpus} CPUs (shared); /proc/loadavg before: ${machine.loadavgBefore}; after: ${machine.loadavgAfter}`);
  for (const goal of goals) out(`${goal.met ? 'MET    ' : 'NOT MET'} ${goal.goal}: ${goal.value}`);
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify({ runs, floeCli, machine, rows, goals, results }, null, 2)}\n`);
} finally {
  helperClient.close();
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
}

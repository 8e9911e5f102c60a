// floe vs kubectl on one local cluster and the same rendered objects (issue 5):
// apply only, apply + wait until ready, no-op re-deploy, diff of one changed ConfigMap.
// `pnpm --filter @floe/apply bench [runs] [--json | --json=<file>] [--no-parallel] [--keep-state]` (build first; default 3 runs).
// Times are wall clock of the whole operation; API requests are counted from the API
// server's audit log by user agent (floe: `floe`, kubectl: `kubectl/...`).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KubeClient, ResourceClient } from '@floe/kube';
import { startLocalCluster } from '@floe/local-cluster';
import { stopOnSignals } from '../../local-cluster/bench/stop-on-signals.mjs';
import { renderPlatform, toYaml } from '@floe/manifests';
import { parsePlatformSpec } from '@floe/spec';
import { deployPlatform, diffPlatform } from '../dist/index.js';
import { auditOffset, countRequests, userAgents } from './audit-log.mjs';
import { cpuTimes, credentialSecrets, kubectl, median, settle, kubectlWaitArgs, kubectlWaitTargets } from './bench-helpers.mjs';

const argv = process.argv.slice(2);
const runs = Number(argv.find((arg) => /^\d+$/.test(arg)) ?? 3);
const asJson = argv.includes('--json'); // JSON on stdout instead of the table
const jsonFile = argv.find((arg) => arg.startsWith('--json='))?.slice('--json='.length); // the table, and JSON to this file
const withParallel = !argv.includes('--no-parallel');
const keepState = argv.includes('--keep-state'); // keep the cluster's state dir (audit log in logs/) for a closer look
const log = (text) => process.stderr.write(`${text}\n`);
const execFileAsync = promisify(execFile);
const timeoutMs = 60_000;

const exampleText = readFileSync(new URL('../../../examples/platform.yaml', import.meta.url), 'utf8');
// The otel collector's ConfigMap changes (and, through its config checksum, its Deployment's pod template).
const changeOneConfigMap = (text) => text.replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n');
let fresh = 0;
const platformText = (id, edit = (text) => text) => edit(exampleText)
  .replace('platform: floe-platform', `platform: b${id}-platform`)
  .replace('jobs: floe-jobs', `jobs: b${id}-jobs`);
const namespacesOf = (id) => [`b${id}-platform`, `b${id}-jobs`];

const loadBefore = loadavg()[0];
const work = mkdtempSync(join(tmpdir(), 'floe-deploy-bench-'));
log('starting a local cluster (audit log on)...');
// Nothing is deleted between runs (deletion would load the controllers during later windows): each
// platform requests ~4.3 CPUs, a fake node has 64, so 12 platforms go on each node.
const platforms = 2 + runs * (withParallel ? 6 : 5);
const cluster = stopOnSignals(await startLocalCluster({ auditLog: true, realNode: false, fakeNodes: Math.ceil(platforms / 12), keepState }));
if (keepState) log(`state (audit log in logs/audit.log): ${cluster.dir}`);
const auditLog = cluster.auditLogPath;
const kubeconfig = cluster.kubeconfigPath;
const kubectlBin = cluster.binaries.kubectl;
const kubectlFlags = [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(work, 'kube-cache')}`];
const run = (args, options) => kubectl(kubectlBin, [...args, ...kubectlFlags], options);
const helperClient = await KubeClient.connect({ kubeconfig });
const helper = new ResourceClient(helperClient);

/**
 * The same rendered objects for kubectl, as a file, plus the generated Secrets floe would create (right
 * after the Namespaces; the same values for every file of one platform `id`, so a diff does not show them).
 */
const secretsById = new Map();
function kubectlYaml(id, name, edit) {
  const rendered = renderPlatform(parsePlatformSpec(platformText(id, edit)));
  if (!secretsById.has(id)) secretsById.set(id, credentialSecrets(rendered.generatedCredentials));
  const namespaces = rendered.objects.filter((object) => object.kind === 'Namespace');
  const rest = rendered.objects.filter((object) => object.kind !== 'Namespace');
  const file = join(work, `${name}-${id}.yaml`);
  writeFileSync(file, toYaml([...namespaces, ...secretsById.get(id), ...rest]));
  const waitFor = kubectlWaitTargets(rendered.objects);
  return { file, waitFor, objects: rendered.objects.length };
}

/** One measured window: wall time of `action`, then the tool's requests in the audit log (`tool`: floe, floe-process, kubectl...). */
async function measure(tool, action) {
  const from = await auditOffset(auditLog);
  const cpuBefore = cpuTimes();
  const started = performance.now();
  const detail = await action(started);
  const ms = performance.now() - started;
  const cpuAfter = cpuTimes();
  // The tool's own CPU time: floe in this process, kubectl in its (reaped) child processes.
  const cpuMs = tool === 'floe' ? cpuAfter.self - cpuBefore.self : cpuAfter.children - cpuBefore.children;
  const requests = await countRequests(auditLog, from, tool.startsWith('floe') ? userAgents.floe : userAgents.kubectl);
  return { ms, cpuMs, requests, ...detail };
}

/** A floe operation as the CLI does it: a new client (discovery included), then the call. */
async function withFloe(action) {
  const client = await KubeClient.connect({ kubeconfig });
  try {
    const detail = await action(new ResourceClient(client));
    return { ...detail, floeStats: { total: client.stats.total, writes: client.stats.writes, byMethod: Object.fromEntries(client.stats.byMethod) } };
  } finally {
    client.close();
  }
}

const floeApply = (text, wait) => (started) => withFloe(async (resources) => {
  const phases = {};
  const result = await deployPlatform({
    platform: parsePlatformSpec(text), resources, wait, timeoutMs,
    onEvent: (event) => {
      if (event.type === 'phase') phases[event.phase] = Math.round(performance.now() - started);
    },
  });
  return { result: { created: result.created, configured: result.configured, unchanged: result.unchanged }, phasesStartMs: phases };
});

/** The same deploy in a new Node process (start-up and imports included, JIT cold), as the CLI would run it. */
let specFiles = 0;
const floeProcess = (text, wait) => {
  const specFile = join(work, `platform-${++specFiles}.yaml`);
  writeFileSync(specFile, text);
  return async () => {
    const { stdout } = await execFileAsync(process.execPath, [fileURLToPath(new URL('floe-once.mjs', import.meta.url)), kubeconfig, specFile, String(wait)]);
    return { floeStats: JSON.parse(stdout) };
  };
};

const kubectlApply = (file) => run(['apply', '--server-side', '--field-manager=kubectl-bench', '-f', file]);
// One command per PVC, StatefulSet, Deployment and Job, in the order of the rendered file (StatefulSets before Deployments).
const kubectlApplyAndWait = ({ file, waitFor }, parallel) => async (started) => {
  await kubectlApply(file);
  const appliedMs = performance.now() - started;
  if (parallel) await Promise.all(waitFor.map((target) => run(kubectlWaitArgs(target, 60))));
  else for (const target of waitFor) await run(kubectlWaitArgs(target, 60));
  return { applyMs: Math.round(appliedMs), waitCommands: waitFor.length };
};

const results = [];
const record = (scenario, tool, runIndex, measured) => {
  results.push({ scenario, tool, run: runIndex, ...measured });
  log(`  ${scenario.padEnd(12)} ${tool.padEnd(18)} ${(measured.ms / 1000).toFixed(2)} s, ${measured.requests.total} requests (${measured.requests.writes} writes)`);
};

try {
  // Warm-up, not measured: kubectl's discovery and OpenAPI caches on disk (as a user has them after
  // any earlier command), and floe's code paths in this process.
  await run(['api-resources', '-o', 'name']);
  await kubectlApply(kubectlYaml('w1', 'warm-up').file);
  await deployPlatform({ platform: parsePlatformSpec(platformText('w2')), resources: helper, wait: false });
  await settle(helper, [...namespacesOf('w1'), ...namespacesOf('w2')]);
  for (let runIndex = 1; runIndex <= runs; runIndex++) {
    log(`run ${runIndex}/${runs}`);
    const kubectlFirst = runIndex % 2 === 0; // alternate who goes first
    const pair = async (floeStep, kubectlStep) => {
      if (kubectlFirst) {
        await kubectlStep();
        await floeStep();
      } else {
        await floeStep();
        await kubectlStep();
      }
    };

    // 1. Apply only, fresh namespaces.
    await pair(async () => {
      const id = ++fresh;
      record('apply', 'floe', runIndex, await measure('floe', floeApply(platformText(id), false)));
      await settle(helper, namespacesOf(id));
    }, async () => {
      const id = ++fresh;
      const input = kubectlYaml(id, 'apply');
      record('apply', 'kubectl', runIndex, await measure('kubectl', () => kubectlApply(input.file).then(() => ({}))));
      await settle(helper, namespacesOf(id));
    });
    const processId = ++fresh;
    record('apply', 'floe-process', runIndex, await measure('floe-process', floeProcess(platformText(processId), false)));
    await settle(helper, namespacesOf(processId));

    // 2. Apply and wait until ready, fresh namespaces; these stay for the no-op and the diff.
    const floeId = ++fresh;
    const kubectlId = ++fresh;
    const kubectlInput = kubectlYaml(kubectlId, 'wait');
    await pair(async () => {
      record('deploy+wait', 'floe', runIndex, await measure('floe', floeApply(platformText(floeId), true)));
      await settle(helper, namespacesOf(floeId));
    }, async () => {
      record('deploy+wait', 'kubectl', runIndex, await measure('kubectl', kubectlApplyAndWait(kubectlInput, false)));
      await settle(helper, namespacesOf(kubectlId));
    });
    if (withParallel) {
      const id = ++fresh;
      const input = kubectlYaml(id, 'wait');
      record('deploy+wait', 'kubectl-parallel', runIndex, await measure('kubectl', kubectlApplyAndWait(input, true)));
      await settle(helper, namespacesOf(id));
    }

    // 3. No-op re-deploy of the same objects (floe waits as a deploy does; kubectl applies again).
    await pair(async () => {
      record('no-op', 'floe', runIndex, await measure('floe', floeApply(platformText(floeId), true)));
    }, async () => {
      record('no-op', 'kubectl', runIndex, await measure('kubectl', () => kubectlApply(kubectlInput.file).then(() => ({}))));
    });
    record('no-op', 'floe-process', runIndex, await measure('floe-process', floeProcess(platformText(floeId), true)));

    // 4. Diff with one ConfigMap changed (nothing is written).
    const changed = kubectlYaml(kubectlId, 'changed', changeOneConfigMap);
    await pair(async () => {
      record('diff', 'floe', runIndex, await measure('floe', () => withFloe(async (resources) => {
        const changes = await diffPlatform(resources, parsePlatformSpec(platformText(floeId, changeOneConfigMap)));
        return { changed: changes.map((change) => `${change.ref.kind}/${change.ref.name}`) };
      })));
    }, async () => {
      record('diff', 'kubectl', runIndex, await measure('kubectl', async () => {
        const { stdout } = await run(['diff', '--server-side', '--field-manager=kubectl-bench', '-f', changed.file], { okCodes: [0, 1] });
        // One `diff -u -N <dir>/LIVE-<n>/<group.version.Kind.namespace.name> ...` header per changed object.
        return { changed: [...stdout.matchAll(/^diff -u -N \S*\/LIVE-\d+\/(\S+) /gm)].map((match) => {
          const parts = match[1].split('.');
          const kindAt = parts.findIndex((part) => /^[A-Z]/.test(part));
          return `${parts[kindAt]}/${parts.slice(kindAt + 2).join('.')}`;
        }) };
      }));
    });
  }

  // Start-up costs outside the windows: floe runs in-process here, kubectl is a new process each time.
  const timeIt = async (action) => {
    const times = [];
    for (let index = 0; index < 3; index++) {
      const started = performance.now();
      await action();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  const distUrl = new URL('../dist/index.js', import.meta.url).href;
  const startup = {
    nodeImportFloeMs: await timeIt(() => execFileAsync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(distUrl)})`])),
    kubectlVersionClientMs: await timeIt(() => execFileAsync(kubectlBin, ['version', '--client'])),
  };

  // Summary.
  const scenarios = [
    ['apply', 'floe', 'floe deployPlatform wait:false'],
    ['apply', 'floe-process', 'same, new node process (CLI-like)'],
    ['apply', 'kubectl', 'kubectl apply --server-side'],
    ['deploy+wait', 'floe', 'floe deployPlatform'],
    ['deploy+wait', 'kubectl', 'kubectl apply + waits, sequential'],
    ['deploy+wait', 'kubectl-parallel', 'kubectl apply + waits, parallel &'],
    ['no-op', 'floe', 'floe deployPlatform (again)'],
    ['no-op', 'floe-process', 'same, new node process (CLI-like)'],
    ['no-op', 'kubectl', 'kubectl apply --server-side (again)'],
    ['diff', 'floe', 'floe diffPlatform'],
    ['diff', 'kubectl', 'kubectl diff --server-side'],
  ];
  const rows = scenarios.flatMap(([scenario, tool, label]) => {
    const measured = results.filter((result) => result.scenario === scenario && result.tool === tool);
    if (measured.length === 0) return [];
    const pick = (read) => median(measured.map(read));
    return [{
      scenario, tool, label,
      medianMs: Math.round(pick((result) => result.ms)),
      runsMs: measured.map((result) => Math.round(result.ms)),
      medianCpuMs: Math.round(pick((result) => result.cpuMs)),
      requests: pick((result) => result.requests.total),
      writes: pick((result) => result.requests.writes),
      dryRunWrites: pick((result) => result.requests.dryRunWrites),
      byVerb: measured.at(-1).requests.byVerb,
      floeStats: measured[0].floeStats ? { total: pick((result) => result.floeStats.total), writes: pick((result) => result.floeStats.writes) } : undefined,
      ...(measured.at(-1).applyMs !== undefined ? { medianApplyMs: Math.round(pick((result) => result.applyMs)) } : {}),
      ...(measured.at(-1).phasesStartMs ? { phasesStartMs: measured.at(-1).phasesStartMs } : {}),
      ...(measured.at(-1).changed ? { changed: measured.at(-1).changed } : {}),
    }];
  });
  const perRunRatios = (scenario) => Array.from({ length: runs }, (_, index) => {
    const of = (tool) => results.find((result) => result.scenario === scenario && result.tool === tool && result.run === index + 1).ms;
    return `${(of('kubectl') / of('floe')).toFixed(1)}x`;
  }).join(' ');
  const row = (scenario, tool) => rows.find((entry) => entry.scenario === scenario && entry.tool === tool);
  const goals = [
    { goal: 'apply only: floe at least 2x faster than kubectl', value: `${(row('apply', 'kubectl').medianMs / row('apply', 'floe').medianMs).toFixed(1)}x (per run: ${perRunRatios('apply')}; new node process: ${(row('apply', 'kubectl').medianMs / row('apply', 'floe-process').medianMs).toFixed(1)}x)`, met: row('apply', 'kubectl').medianMs >= 2 * row('apply', 'floe').medianMs },
    { goal: 'deploy+wait: floe faster than kubectl (sequential)', value: `${row('deploy+wait', 'floe').medianMs} vs ${row('deploy+wait', 'kubectl').medianMs} ms`, met: row('deploy+wait', 'floe').medianMs < row('deploy+wait', 'kubectl').medianMs },
    ...(row('deploy+wait', 'kubectl-parallel') ? [{ goal: 'deploy+wait: floe faster than kubectl (parallel)', value: `${row('deploy+wait', 'floe').medianMs} vs ${row('deploy+wait', 'kubectl-parallel').medianMs} ms`, met: row('deploy+wait', 'floe').medianMs < row('deploy+wait', 'kubectl-parallel').medianMs }] : []),
    { goal: 'no-op re-deploy: floe < 0.5 s', value: `${row('no-op', 'floe').medianMs} ms in-process; ${row('no-op', 'floe-process').medianMs} ms in a new node process`, met: row('no-op', 'floe').medianMs < 500 },
    { goal: 'no-op re-deploy: floe 0 writes', value: `${Math.max(...results.filter((result) => result.scenario === 'no-op' && result.tool === 'floe').map((result) => result.requests.writes))} writes (max over runs)`, met: results.filter((result) => result.scenario === 'no-op' && result.tool === 'floe').every((result) => result.requests.writes === 0) },
  ];
  const objects = renderPlatform(parsePlatformSpec(platformText(0))).objects.length;
  const machine = { cpus: availableParallelism(), loadAverage1mBefore: loadBefore, loadAverage1mAfter: loadavg()[0] };
  const summary = { runs, objects, machine, generatedSecrets: credentialSecrets(renderPlatform(parsePlatformSpec(platformText(0))).generatedCredentials).length, rows, goals, startup, results };
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(summary, null, 2)}\n`);
  if (asJson) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else {
    const out = (text) => process.stdout.write(`${text}\n`);
    out(`\n${runs} runs, ${objects} rendered objects (+ ${summary.generatedSecrets} generated Secrets), medians; requests and writes from the API server audit log`);
    out(`${'scenario'.padEnd(12)} ${'tool'.padEnd(36)} ${'median s'.padStart(8)}  ${'runs (s)'.padEnd(30)} ${'cpu s'.padStart(5)} ${'requests'.padStart(8)} ${'writes'.padStart(6)}  floe stats`);
    for (const entry of rows) {
      const stats = entry.floeStats ? `${entry.floeStats.total} req / ${entry.floeStats.writes} wr` : '';
      const writes = entry.dryRunWrites ? `${entry.writes}*` : `${entry.writes}`;
      out(`${entry.scenario.padEnd(12)} ${entry.label.padEnd(36)} ${(entry.medianMs / 1000).toFixed(2).padStart(8)}  ${entry.runsMs.map((ms) => (ms / 1000).toFixed(2)).join(' ').padEnd(30)} ${(entry.medianCpuMs / 1000).toFixed(2).padStart(5)} ${String(entry.requests).padStart(8)} ${writes.padStart(6)}  ${stats}`);
    }
    out('cpu s: the tool\'s own CPU time (floe: this process; kubectl: its processes). * dry-run writes (nothing persisted)');
    out(`machine: ${machine.cpus} CPUs, 1-min load average ${machine.loadAverage1mBefore.toFixed(1)} before, ${machine.loadAverage1mAfter.toFixed(1)} after`);
    out(`start-up outside the windows: node + import floe ${Math.round(startup.nodeImportFloeMs)} ms; kubectl version --client ${Math.round(startup.kubectlVersionClientMs)} ms`);
    for (const goal of goals) out(`${goal.met ? 'MET    ' : 'NOT MET'} ${goal.goal}: ${goal.value}`);
  }
} finally {
  helperClient.close();
  await cluster.stop();
  rmSync(work, { recursive: true, force: true });
}

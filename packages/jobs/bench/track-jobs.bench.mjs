// Submit and track N jobs to completion on a local kwok cluster (issue 17): floe's runner (shared
// watches, attempt reports on) against a peer that tracks as dagster-k8s does (GET each Job every few
// seconds), each run in a fresh node process so its peak RSS is the tracker's own. `watch-noreports`
// is floe without attempt reports, to price them. Prints a table of medians, the load average and
// MET / NOT MET for the goal (1,000 jobs: peak RSS < 200 MB, <= 1.1 API requests per job).
// Usage: node bench/track-jobs.bench.mjs [--sizes 1000] [--runs 5] [--trackers watch,poll] [--poll-seconds 5] [--json out.json]
//        [--heap-snapshot dir]  (one extra floe run that writes a heap snapshot once every job is tracked; not measured)
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import { KubeClient, ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { buildAttemptJob, JobRunner, podReferences } from '@floe/jobs';
import { stopOnSignals } from '../../local-cluster/bench/stop-on-signals.mjs';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000' }, runs: { type: 'string', default: '5' }, 'poll-seconds': { type: 'string', default: '5' },
    json: { type: 'string' }, trackers: { type: 'string', default: 'watch,poll' }, 'heap-snapshot': { type: 'string' },
    child: { type: 'string' }, kubeconfig: { type: 'string' }, namespace: { type: 'string' }, jobs: { type: 'string' },
  },
});
const goal = { jobs: 1000, peakRssMb: 200, requestsPerJob: 1.1 };

const pipeline = parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: bench, owner: bench@floe.dev }
spec:
  platform: acme
  steps:
    - { name: load, type: dbt, command: run }
`);
const step = pipeline.spec.steps[0];
const platformOf = (namespace) => parsePlatformSpec(`apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: ${namespace} }\n`);

/** Peak RSS of this process so far, in MB (getrusage's maxrss: every allocation counts, not only sampled moments). */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

/** floe's runner: submit `n` attempts at once and await every result (in the child process). */
async function floeRun(kubeconfig, namespace, n, { reports = true, heapSnapshotDir } = {}) {
  const platform = platformOf(namespace);
  const runner = await JobRunner.connect({ kubeconfig, reports });
  const started = Date.now();
  const submitted = await Promise.all(Array.from({ length: n }, (_, index) => runner.submit({ platform, pipeline, step }, { runId: `w${index}`, attempt: 1 })));
  if (heapSnapshotDir) process.stderr.write(`heap snapshot: ${writeHeapSnapshot(join(heapSnapshotDir, `track-${n}.heapsnapshot`))}\n`);
  const results = await Promise.all(submitted.map((attempt) => attempt.result));
  const wallMs = Date.now() - started;
  const stats = { requests: runner.client.stats.total, byMethod: Object.fromEntries(runner.client.stats.byMethod) };
  await runner.close();
  return { wallMs, ...stats, succeeded: results.filter((result) => result.status === 'Succeeded').length };
}

/** The peer: create each Job, then GET it every few seconds until it has finished, as dagster-k8s does. */
async function pollRun(kubeconfig, namespace, n, pollMs) {
  const platform = platformOf(namespace);
  const client = await KubeClient.connect({ kubeconfig });
  const resources = new ResourceClient(client);
  const started = Date.now();
  const names = await Promise.all(Array.from({ length: n }, async (_, index) => {
    const job = buildAttemptJob({ platform, pipeline, step }, { runId: `p${index}`, attempt: 1 });
    await resources.create(job);
    return job.metadata.name;
  }));
  let succeeded = 0;
  await Promise.all(names.map(async (name) => {
    for (;;) {
      await sleep(pollMs);
      const job = await resources.get({ apiVersion: 'batch/v1', kind: 'Job', namespace, name });
      const done = job?.status?.conditions?.find((condition) => ['Complete', 'Failed'].includes(condition.type) && condition.status === 'True');
      if (done) {
        if (done.type === 'Complete') succeeded++;
        return;
      }
    }
  }));
  const wallMs = Date.now() - started;
  const stats = { requests: client.stats.total, byMethod: Object.fromEntries(client.stats.byMethod) };
  client.close();
  return { wallMs, ...stats, succeeded };
}

if (values.child) {
  const n = Number(values.jobs);
  const run = values.child === 'poll'
    ? pollRun(values.kubeconfig, values.namespace, n, Number(values['poll-seconds']) * 1000)
    : floeRun(values.kubeconfig, values.namespace, n, { reports: values.child === 'watch', ...(values['heap-snapshot'] ? { heapSnapshotDir: values['heap-snapshot'] } : {}) });
  const row = await run;
  process.stdout.write(`${JSON.stringify({ ...row, peakRssMb: peakRssMb() })}\n`);
  process.exit(0);
}

const { startLocalCluster } = await import('@floe/local-cluster');
const trackers = values.trackers.split(',');
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const labels = { watch: 'floe runner (shared watches, reports)', 'watch-noreports': 'floe runner, no reports', poll: `per-job GET every ${values['poll-seconds']} s (dagster-k8s)` };
const log = (text) => process.stderr.write(`${text}\n`);
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').trim();
const median = (numbers) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** A namespace set up as a platform's jobs namespace (objects of the platform + dummy credential Secrets). */
async function jobsNamespace(resources, name) {
  await resources.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const platform = platformOf(name);
  for (const object of renderPlatform(platform).objects) if (object.metadata.namespace === name && object.kind !== 'Namespace') await resources.apply(object);
  const secrets = new Map();
  for (const reference of podReferences(buildAttemptJob({ platform, pipeline, step }, { runId: 'probe', attempt: 1 }))) {
    if (reference.kind === 'Secret') secrets.set(reference.name, { ...secrets.get(reference.name), [reference.key]: 'ZHVtbXk=' });
  }
  for (const [secret, data] of secrets) await resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: name }, data });
}

/** Runs one tracker in a fresh node process; resolves with its figures. */
function child(tracker, kubeconfig, namespace, n, extra = []) {
  const args = [fileURLToPath(import.meta.url), '--child', tracker, '--kubeconfig', kubeconfig, '--namespace', namespace, '--jobs', String(n), '--poll-seconds', values['poll-seconds'], ...extra];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (stderr) process.stderr.write(stderr);
      if (error) reject(new Error(`${tracker} run failed: ${stderr}`, { cause: error }));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)));
    });
  });
}

const loadBefore = loadAverage();
const clusterStarted = Date.now();
const cluster = stopOnSignals(await startLocalCluster({ name: 'floe-jobs-bench', realNode: false, fakeNodes: 2 }));
log(`local cluster ready in ${Date.now() - clusterStarted} ms; load average ${loadAverage()}`);
const rows = [];
let sequence = 0;
try {
  const adminClient = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath });
  const admin = new ResourceClient(adminClient);
  const measured = async (tracker, n, extra) => {
    const namespace = `bench-${tracker}-${n}-${++sequence}`;
    await jobsNamespace(admin, namespace);
    const row = await child(tracker, cluster.kubeconfigPath, namespace, n, extra);
    // Deleting the namespace is not measured; wait until it is gone so the next run starts on a quiet API server.
    await admin.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    while (await admin.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace })) await sleep(500);
    return row;
  };
  if (values['heap-snapshot']) await measured('watch', sizes.at(-1), ['--heap-snapshot', values['heap-snapshot']]);
  for (const n of sizes) {
    for (let run = 1; run <= runs; run++) {
      // Alternate the order, so neither side always runs on the API server the other just loaded.
      for (const tracker of run % 2 ? trackers : [...trackers].reverse()) {
        const row = { tracker, jobs: n, run, ...(await measured(tracker, n)), loadAverage: loadAverage() };
        rows.push(row);
        log(`${labels[tracker]} ${n} jobs, run ${run}: ${(row.wallMs / 1000).toFixed(1)} s, ${row.requests} requests (${(row.requests / n).toFixed(3)}/job), peak RSS ${row.peakRssMb.toFixed(0)} MB, ${row.succeeded} succeeded; load ${row.loadAverage}`);
      }
    }
  }
  adminClient.close();
} finally {
  await cluster.stop();
}

const summary = [];
for (const n of sizes) {
  for (const tracker of trackers) {
    const of = rows.filter((row) => row.tracker === tracker && row.jobs === n);
    summary.push({
      tracker, jobs: n, runs: of.length,
      wallMs: median(of.map((row) => row.wallMs)), requestsPerJob: median(of.map((row) => row.requests / n)), peakRssMb: median(of.map((row) => row.peakRssMb)),
      byMethod: of.at(-1).byMethod, succeeded: Math.min(...of.map((row) => row.succeeded)),
    });
  }
}
console.log(`\nmedians of ${runs} runs, each tracker in a fresh node process; ${availableParallelism()} CPUs (shared); /proc/loadavg before: ${loadBefore}; after: ${loadAverage()}`);
console.log('| tracker | jobs | wall time | requests/job | requests by method (last run) | peak RSS | succeeded (min) |');
console.log('|---|---:|---:|---:|---|---:|---:|');
for (const row of summary) {
  console.log(`| ${labels[row.tracker]} | ${row.jobs} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.requestsPerJob.toFixed(3)} | ${Object.entries(row.byMethod).map(([method, count]) => `${method} ${count}`).join(', ')} | ${row.peakRssMb.toFixed(0)} MB | ${row.succeeded} |`);
}
const floeAtGoal = summary.find((row) => row.tracker === 'watch' && row.jobs === goal.jobs);
if (floeAtGoal) {
  const met = (ok) => (ok ? 'MET    ' : 'NOT MET');
  console.log(`${met(floeAtGoal.peakRssMb < goal.peakRssMb)} ${goal.jobs} concurrent jobs tracked with peak RSS < ${goal.peakRssMb} MB: ${floeAtGoal.peakRssMb.toFixed(0)} MB`);
  console.log(`${met(floeAtGoal.requestsPerJob <= goal.requestsPerJob)} ${goal.jobs} concurrent jobs with <= ${goal.requestsPerJob} API requests per job: ${floeAtGoal.requestsPerJob.toFixed(3)}`);
  console.log(`${met(floeAtGoal.succeeded === goal.jobs)} every job succeeded in every run: ${floeAtGoal.succeeded}/${goal.jobs} (min over runs)`);
} else {
  console.log(`(no MET / NOT MET: the goal is measured with --sizes including ${goal.jobs} and --trackers including watch)`);
}
if (values.json) writeFileSync(values.json, `${JSON.stringify({ loadBefore, loadAfter: loadAverage(), cpus: availableParallelism(), rows, summary }, null, 2)}\n`);

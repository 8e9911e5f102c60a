// Steps per minute through the job runner against a dagster-k8s-style launcher (create each Job,
// then GET it every few seconds until it finishes), side by side on whatever cluster KUBECONFIG
// (or --kubeconfig) names: N concurrent quick quality steps of the floe-job image, API requests
// per step (counted by each client) and the runner's peak RSS. It starts no cluster: on the local
// real node the steps really run — the quality step reads the platform's Iceberg catalog, so deploy the platform
// first (`floe dev up`, `floe dev load $(scripts/build-platform-images.sh)`, `floe platform deploy -f
// examples/local/platform.yaml`); on a kwok cluster only the mechanics are exercised.
// node bench/step-throughput.bench.mjs [--kubeconfig F] [--steps 50] [--runs 5] [--image IMG]
//   [--platform examples/local/platform.yaml] [--poll-seconds 5] [--timeout-seconds 600] [--json FILE]
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { KubeClient, ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { buildAttemptJob, JobRunner, podReferences } from '@floe/jobs';

const { values } = parseArgs({ options: {
  kubeconfig: { type: 'string' }, steps: { type: 'string', default: '50' }, runs: { type: 'string', default: '5' },
  image: { type: 'string', default: 'localhost/floe-job:0.1.0' }, platform: { type: 'string', default: new URL('../../../examples/local/platform.yaml', import.meta.url).pathname },
  'poll-seconds': { type: 'string', default: '5' }, 'timeout-seconds': { type: 'string', default: '600' }, json: { type: 'string' },
  pass: { type: 'string' }, run: { type: 'string' },
} });
const steps = Number(values.steps);
const runs = Number(values.runs);
const pollMs = Number(values['poll-seconds']) * 1000;
const timeoutMs = Number(values['timeout-seconds']) * 1000;
const kubeconfig = values.kubeconfig ?? process.env.KUBECONFIG;
const log = (text) => process.stderr.write(`${text}\n`);
const loadBefore = readFileSync('/proc/loadavg', 'utf8').trim();

const platform = parsePlatformSpec(readFileSync(values.platform, 'utf8'), { file: values.platform });
// A quality step that needs nothing but DuckDB in the image: one check that finds no failing rows.
const pipeline = parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: throughput, owner: bench@floe.dev }
spec:
  platform: ${platform.metadata.name}
  defaults: { image: ${JSON.stringify(values.image)} }
  steps:
    - name: quick-check
      type: quality
      checks:
        - { name: nothing-fails, description: A check without failing rows, sql: "select 1 as failing where 1 = 0" }
`);
const step = pipeline.spec.steps[0];
const namespace = platform.spec.namespaces.jobs;

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024; };
}

/** floe: the job runner (shared watches, one create per step, attempt reports on). */
async function floeRunner(runIndex) {
  global.gc?.();
  const stopRss = rssSampler();
  const runner = await JobRunner.connect({ ...(kubeconfig ? { kubeconfig } : {}) });
  const started = Date.now();
  const submitted = await Promise.all(Array.from({ length: steps }, (_, index) => runner.submit({ platform, pipeline, step }, { runId: `tf${runIndex}x${index}`, attempt: 1 })));
  const results = await Promise.all(submitted.map((attempt) => attempt.result));
  const wallMs = Date.now() - started;
  const requests = runner.client.stats.total;
  await runner.close();
  return { tool: 'floe job runner', run: runIndex, wallMs, requests, peakRssMb: stopRss(), succeeded: results.filter((result) => result.status === 'Succeeded').length };
}

/** The peer: what dagster-k8s's step launcher does per step (create the Job, poll its status). */
async function pollingLauncher(runIndex) {
  global.gc?.();
  const stopRss = rssSampler();
  const client = await KubeClient.connect({ ...(kubeconfig ? { kubeconfig } : {}) });
  const resources = new ResourceClient(client);
  const started = Date.now();
  let succeeded = 0;
  await Promise.all(Array.from({ length: steps }, async (_, index) => {
    const job = buildAttemptJob({ platform, pipeline, step }, { runId: `tp${runIndex}x${index}`, attempt: 1 });
    await resources.create(job);
    while (Date.now() - started < timeoutMs) {
      await sleep(pollMs);
      const live = await resources.get({ apiVersion: 'batch/v1', kind: 'Job', namespace, name: job.metadata.name });
      const done = live?.status?.conditions?.find((condition) => ['Complete', 'Failed'].includes(condition.type) && condition.status === 'True');
      if (done) {
        if (done.type === 'Complete') succeeded++;
        return;
      }
    }
  }));
  const wallMs = Date.now() - started;
  client.close();
  return { tool: `per-Job GET every ${pollMs / 1000} s (dagster-k8s style)`, run: runIndex, wallMs, requests: client.stats.total, peakRssMb: stopRss(), succeeded };
}

/**
 * The platform's objects of the jobs namespace (ServiceAccount, RBAC, NetworkPolicies, inherited
 * configuration), and placeholder values for credential Secrets the step pod references that do not exist yet.
 */
async function prepareJobsNamespace(resources) {
  const objects = renderPlatform(platform).objects.filter((object) => object.kind === 'Namespace' ? object.metadata.name === namespace : object.metadata.namespace === namespace);
  for (const object of objects) await resources.apply(object);
  const secrets = new Map();
  for (const reference of podReferences(buildAttemptJob({ platform, pipeline, step }, { runId: 'probe', attempt: 1 }))) {
    if (reference.kind === 'Secret') secrets.set(reference.name, { ...secrets.get(reference.name), [reference.key]: 'cGxhY2Vob2xkZXI=' });
  }
  for (const [name, data] of secrets) {
    if (!(await resources.get({ apiVersion: 'v1', kind: 'Secret', namespace, name }))) await resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data });
  }
}

/** Deletes the bench's Jobs (and their pods) between passes, outside the measured windows. */
async function cleanUp(resources) {
  const jobs = await resources.list('batch/v1', 'Job', { namespace, labelSelector: 'floe.dev/pipeline=throughput' }).catch(() => ({ items: [] }));
  await Promise.all(jobs.items.map((job) => resources.delete({ apiVersion: 'batch/v1', kind: 'Job', namespace, name: job.metadata.name }, { propagationPolicy: 'Background' })));
  for (let waited = 0; waited < 120_000; waited += 1000) {
    const pods = await resources.list('v1', 'Pod', { namespace, labelSelector: 'floe.dev/pipeline=throughput' });
    if (pods.items.length === 0) return;
    await sleep(1000);
  }
}

// Each pass runs in a process of its own, so one pass's heap does not count in the other's peak RSS.
if (values.pass) {
  const row = await (values.pass === 'floe' ? floeRunner : pollingLauncher)(Number(values.run));
  process.stdout.write(`${JSON.stringify(row)}\n`);
  process.exit(0);
}
const passArgs = process.argv.slice(2);
async function runPass(pass, runIndex) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...passArgs, '--pass', pass, '--run', String(runIndex)], { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

const adminClient = await KubeClient.connect({ ...(kubeconfig ? { kubeconfig } : {}) });
const admin = new ResourceClient(adminClient);
const rows = [];
try {
  log(`applying the jobs namespace ${namespace} of ${platform.metadata.name} on ${adminClient.server}...`);
  await prepareJobsNamespace(admin);
  await cleanUp(admin);
  for (let runIndex = 1; runIndex <= runs; runIndex++) {
    const order = runIndex % 2 === 0 ? ['poll', 'floe'] : ['floe', 'poll'];
    for (const pass of order) {
      const row = await runPass(pass, runIndex);
      rows.push(row);
      log(`run ${runIndex}: ${row.tool}: ${steps} steps in ${(row.wallMs / 1000).toFixed(1)} s, ${row.requests} requests, ${row.peakRssMb.toFixed(0)} MB, ${row.succeeded} succeeded`);
      await cleanUp(admin);
    }
  }
} finally {
  adminClient.close();
}

const median = (numbers) => [...numbers].sort((a, b) => a - b)[Math.floor((numbers.length - 1) / 2)];
const summary = [...new Set(rows.map((row) => row.tool))].map((tool) => {
  const mine = rows.filter((row) => row.tool === tool);
  return {
    tool,
    stepsPerMinute: median(mine.map((row) => steps / (row.wallMs / 60_000))),
    requestsPerStep: median(mine.map((row) => row.requests / steps)),
    peakRssMb: median(mine.map((row) => row.peakRssMb)),
    succeeded: mine.map((row) => row.succeeded).join(' '),
  };
});
const [floe, peer] = summary;
const goals = [
  { goal: 'floe runs at least as many steps per minute as the polling launcher', met: floe.stepsPerMinute >= peer.stepsPerMinute, value: `${floe.stepsPerMinute.toFixed(1)} vs ${peer.stepsPerMinute.toFixed(1)}` },
  { goal: 'floe sends fewer API requests per step', met: floe.requestsPerStep < peer.requestsPerStep, value: `${floe.requestsPerStep.toFixed(2)} vs ${peer.requestsPerStep.toFixed(2)}` },
  { goal: 'every step succeeded', met: rows.every((row) => row.succeeded === steps), value: summary.map((entry) => `${entry.tool}: ${entry.succeeded}`).join('; ') },
];
console.log(`\n${steps} concurrent steps, ${runs} runs, medians; cluster ${kubeconfig ?? '(default kubeconfig)'}`);
console.log('| launcher | steps/min | API requests/step | peak RSS | succeeded per run |');
console.log('|---|---:|---:|---:|---|');
for (const entry of summary) console.log(`| ${entry.tool} | ${entry.stepsPerMinute.toFixed(1)} | ${entry.requestsPerStep.toFixed(2)} | ${entry.peakRssMb.toFixed(0)} MB | ${entry.succeeded} |`);
console.log(`/proc/loadavg before: ${loadBefore}; after: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
for (const goal of goals) console.log(`${goal.met ? 'MET    ' : 'NOT MET'} ${goal.goal}: ${goal.value}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ steps, runs, kubeconfig, rows, summary, goals }, null, 2)}\n`);

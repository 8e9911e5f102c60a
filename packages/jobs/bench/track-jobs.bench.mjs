// Submit and track N jobs to completion on a local cluster: floe's shared
// watch tracker against a per-job polling tracker that does what dagster-k8s
// does (GET each Job every few seconds). `watch-noreports` is the shared
// watch without attempt reports, to price them. Prints a table; `--json file`
// also writes the figures. Usage: node bench/track-jobs.bench.mjs [--sizes 200,1000] [--trackers watch,watch-noreports,poll] [--poll-seconds 5]
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { KubeClient, ResourceClient } from '@floe/kube';
import { startLocalCluster } from '@floe/local-cluster';
import { renderPlatform } from '@floe/manifests';
import { parsePipelineSpec, parsePlatformSpec } from '@floe/spec';
import { buildAttemptJob, JobRunner, podReferences } from '@floe/jobs';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '200,1000' }, 'poll-seconds': { type: 'string', default: '5' }, json: { type: 'string' }, trackers: { type: 'string', default: 'watch,poll' } } });
const trackers = values.trackers.split(',');
const sizes = values.sizes.split(',').map(Number);
const pollMs = Number(values['poll-seconds']) * 1000;

const pipeline = parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: bench, owner: bench@floe.dev }
spec:
  platform: acme
  steps:
    - { name: load, type: dbt, command: run }
`);
const step = pipeline.spec.steps[0];

/** A namespace set up as a platform's jobs namespace (objects of the platform + dummy credential Secrets). */
async function jobsNamespace(resources, name) {
  await resources.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const platform = parsePlatformSpec(`apiVersion: floe.dev/v1\nkind: Platform\nmetadata: { name: acme }\nspec:\n  namespaces: { jobs: ${name} }\n`);
  for (const object of renderPlatform(platform).objects) if (object.metadata.namespace === name && object.kind !== 'Namespace') await resources.apply(object);
  const secrets = new Map();
  for (const reference of podReferences(buildAttemptJob({ platform, pipeline, step }, { runId: 'probe', attempt: 1 }))) {
    if (reference.kind === 'Secret') secrets.set(reference.name, { ...secrets.get(reference.name), [reference.key]: 'ZHVtbXk=' });
  }
  for (const [secret, data] of secrets) await resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name: secret, namespace: name }, data });
  return platform;
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss); };
}

async function watchTracker(kubeconfig, admin, n, reports = true) {
  const namespace = `bench-watch-${reports ? '' : 'noreports-'}${n}`;
  const platform = await jobsNamespace(admin, namespace);
  global.gc?.();
  const stopRss = rssSampler();
  const runner = await JobRunner.connect({ kubeconfig, reports });
  const started = Date.now();
  const submitted = await Promise.all(Array.from({ length: n }, (_, index) => runner.submit({ platform, pipeline, step }, { runId: `w${index}`, attempt: 1 })));
  const results = await Promise.all(submitted.map((attempt) => attempt.result));
  const wallMs = Date.now() - started;
  const requests = runner.client.stats.total;
  const byMethod = Object.fromEntries(runner.client.stats.byMethod);
  await runner.close();
  return { tracker: `floe shared watch${reports ? '' : ', no reports'}`, namespace, jobs: n, wallMs, requests, requestsPerJob: requests / n, byMethod, peakRssMb: stopRss() / 1024 / 1024, succeeded: results.filter((result) => result.status === 'Succeeded').length };
}

async function pollingTracker(kubeconfig, admin, n) {
  const namespace = `bench-poll-${n}`;
  const platform = await jobsNamespace(admin, namespace);
  global.gc?.();
  const stopRss = rssSampler();
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
  const requests = client.stats.total;
  const byMethod = Object.fromEntries(client.stats.byMethod);
  client.close();
  return { tracker: `per-job GET every ${pollMs / 1000} s`, namespace, jobs: n, wallMs, requests, requestsPerJob: requests / n, byMethod, peakRssMb: stopRss() / 1024 / 1024, succeeded };
}

const clusterStarted = Date.now();
const cluster = await startLocalCluster({ name: 'floe-jobs-bench', realNode: false, fakeNodes: 2 });
process.stderr.write(`local cluster ready in ${Date.now() - clusterStarted} ms\n`);
const rows = [];
try {
  const adminClient = await KubeClient.connect({ kubeconfig: cluster.kubeconfigPath });
  const admin = new ResourceClient(adminClient);
  for (const n of sizes) {
    const runs = [
      ...(trackers.includes('watch') ? [watchTracker] : []),
      ...(trackers.includes('watch-noreports') ? [(kubeconfig, admin, size) => watchTracker(kubeconfig, admin, size, false)] : []),
      ...(trackers.includes('poll') ? [pollingTracker] : []),
    ];
    for (const run of runs) {
      const row = await run(cluster.kubeconfigPath, admin, n);
      rows.push(row);
      process.stderr.write(`${row.tracker} ${n}: ${(row.wallMs / 1000).toFixed(1)} s\n`);
      await admin.delete({ apiVersion: 'v1', kind: 'Namespace', name: row.namespace });
    }
  }
  adminClient.close();
} finally {
  await cluster.stop();
}

console.log('| tracker | jobs | wall time | API requests | requests/job | requests by method | peak RSS | succeeded |');
console.log('|---|---:|---:|---:|---:|---|---:|---:|');
for (const row of rows) {
  console.log(`| ${row.tracker} | ${row.jobs} | ${(row.wallMs / 1000).toFixed(1)} s | ${row.requests} | ${row.requestsPerJob.toFixed(2)} | ${Object.entries(row.byMethod).map(([method, count]) => `${method} ${count}`).join(', ')} | ${row.peakRssMb.toFixed(0)} MB | ${row.succeeded} |`);
}
if (values.json) writeFileSync(values.json, `${JSON.stringify(rows, null, 2)}\n`);

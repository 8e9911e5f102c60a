// The real node as a user feels it (warm binaries; needs root):
//   - `startLocalCluster` to a Ready real node with cluster DNS (goal < 30 s), beside a kwok-only start in the same run;
//   - pod start latency, apply -> Running, median of 20 pods of the toolbox image (goal < 2 s);
//   - memory of the whole cluster idle (RSS of its processes, the runc shims and the pods' processes).
// `pnpm --filter @floe/local-cluster bench:real-node [pods]`; prints figures and MET / NOT MET, `--json` for JSON.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterBinaries, startLocalCluster } from '../dist/index.js';
import { stopOnSignals } from './stop-on-signals.mjs';
import { createTestNamespace, restrictedContainer, waitForPod, writeToolboxImage } from '../dist/testing.js';

const pods = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 20);
const binaries = clusterBinaries();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(2);

let t0 = performance.now();
const kwokOnly = await startLocalCluster({ binaries, realNode: false, fakeNodes: 1 });
const kwokStartMs = performance.now() - t0;
await kwokOnly.stop();

t0 = performance.now();
const cluster = stopOnSignals(await startLocalCluster({ binaries, name: 'floe-bench', realNode: true }));
const realStartMs = performance.now() - t0;
const scratch = mkdtempSync(join(tmpdir(), 'floe-bench-'));
const results = {};
try {
  const toolbox = writeToolboxImage(scratch);
  cluster.loadImages([toolbox.archive]);
  const ns = await createTestNamespace(cluster.kubeconfigPath, { prefix: 'bench' });
  const latencies = [];
  for (let index = 0; index < pods; index++) {
    const name = `p${index}`;
    const started = performance.now();
    await ns.resources.apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns.name },
      spec: { terminationGracePeriodSeconds: 0, automountServiceAccountToken: false, containers: [{ name: 'main', image: toolbox.name, imagePullPolicy: 'Never', command: ['/bin/sleep', '3600'], securityContext: restrictedContainer }] },
    });
    await waitForPod(ns, name, (status) => status.phase === 'Running');
    latencies.push(performance.now() - started);
  }
  for (let index = 0; index < pods; index++) await ns.resources.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name: `p${index}` }, { gracePeriodSeconds: 0 });
  await new Promise((resolve) => setTimeout(resolve, 5000));
  // Idle: the cluster with CoreDNS only.
  const rssKb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  const groups = new Set(cluster.processes.map((process) => process.pid));
  let idleKb = 0;
  const byName = {};
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const cgroup = readFileSync(`/proc/${entry}/cgroup`, 'utf8');
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (groups.has(pgid) || /:\/kubepods/.test(cgroup) || (comm.startsWith('containerd-shim') && cmdline.includes(cluster.dir))) {
        const kb = rssKb(entry);
        idleKb += kb;
        byName[comm] = (byName[comm] ?? 0) + kb;
      }
    } catch { /* gone */ }
  }
  ns.client.close();
  Object.assign(results, { kwokStartMs, realStartMs, podStartMedianMs: median(latencies), podStartMaxMs: Math.max(...latencies), idleMiB: idleKb / 1024, idleByProcessMiB: Object.fromEntries(Object.entries(byName).map(([name, kb]) => [name, Math.round(kb / 1024)])) });
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await cluster.stop();
}
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
else {
  const verdict = (ok) => (ok ? 'MET' : 'NOT MET');
  process.stdout.write(`kwok-only cluster start (same run, reference): ${seconds(results.kwokStartMs)} s\n`);
  process.stdout.write(`real node: up to Ready + DNS ${seconds(results.realStartMs)} s (goal < 30 s) ${verdict(results.realStartMs < 30_000)}\n`);
  process.stdout.write(`pod start apply->Running: median ${seconds(results.podStartMedianMs)} s, max ${seconds(results.podStartMaxMs)} s over ${pods} (goal median < 2 s) ${verdict(results.podStartMedianMs < 2000)}\n`);
  process.stdout.write(`cluster memory idle: ${results.idleMiB.toFixed(0)} MiB ${JSON.stringify(results.idleByProcessMiB)}\n`);
}

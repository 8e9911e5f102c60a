// Start-up and stop time of a kwok-only local cluster with warm binaries (goal: start < 20 s); the real node has bench/real-node.bench.mjs.
// `pnpm --filter @floe/local-cluster bench [runs]`; prints a table, `--json` for JSON.
import { startLocalCluster, clusterBinaries } from '../dist/index.js';

const runs = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 3);
const binaries = clusterBinaries();
const results = [];
for (let run = 0; run < runs; run++) {
  const t0 = performance.now();
  const cluster = await startLocalCluster({ binaries, realNode: false });
  const started = performance.now() - t0;
  const t1 = performance.now();
  await cluster.stop();
  results.push({ startMs: started, stopMs: performance.now() - t1 });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = { runs, medianStartMs: median(results.map((r) => r.startMs)), medianStopMs: median(results.map((r) => r.stopMs)), results };
if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
else {
  process.stdout.write('run  start (s)  stop (s)\n');
  results.forEach((r, i) => process.stdout.write(`${String(i + 1).padEnd(4)} ${(r.startMs / 1000).toFixed(2).padStart(9)} ${(r.stopMs / 1000).toFixed(2).padStart(9)}\n`));
  process.stdout.write(`median start ${(summary.medianStartMs / 1000).toFixed(2)} s, stop ${(summary.medianStopMs / 1000).toFixed(2)} s (goal: start < 20 s)\n`);
}

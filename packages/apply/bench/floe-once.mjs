// One floe deploy in a fresh Node process, as a CLI run would do it (start-up, imports, cold JIT):
// `node floe-once.mjs <kubeconfig> <platform.yaml> <wait: true|false>`; prints the request stats as JSON.
import { readFileSync } from 'node:fs';
import { KubeClient, ResourceClient } from '@floe/kube';
import { parsePlatformSpec } from '@floe/spec';
import { deployPlatform } from '../dist/index.js';

const [kubeconfig, specFile, wait] = process.argv.slice(2);
const client = await KubeClient.connect({ kubeconfig });
try {
  const platform = parsePlatformSpec(readFileSync(specFile, 'utf8'), { file: specFile });
  await deployPlatform({ platform, resources: new ResourceClient(client), wait: wait === 'true', timeoutMs: 60_000 });
  process.stdout.write(`${JSON.stringify({ total: client.stats.total, writes: client.stats.writes })}\n`);
} finally {
  client.close();
}

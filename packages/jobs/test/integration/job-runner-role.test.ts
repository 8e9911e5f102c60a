import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, loadKubeConfig } from '@floe/kube';
import { afterEach, describe, expect, it, inject } from 'vitest';
import { JobRunner } from '../../src/index.js';
import { failPod, jobsNamespace, testBounds, testPipeline, type JobsNamespace } from './jobs-fixture.js';

// On kwok. The in-cluster runner (floe job run in Dagster's run pods) holds only the platform's job-runner Role:
// no Secrets, no Nodes. Reports must still be written, pruned and read with it.
let env: JobsNamespace | undefined;
afterEach(async () => {
  await env?.dispose();
  env = undefined;
});

/** A kubeconfig for a ServiceAccount bound to the platform's job-runner Role, with a short-lived token. */
async function jobRunnerKubeconfig(env: JobsNamespace): Promise<string> {
  const { ns } = env;
  const role = `${env.platform.metadata.name}-job-runner`;
  await ns.resources.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'runner', namespace: ns.name } });
  await ns.resources.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'runner', namespace: ns.name }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role }, subjects: [{ kind: 'ServiceAccount', name: 'runner', namespace: ns.name }] });
  const token = await ns.client.request<{ status: { token: string } }>({ method: 'POST', path: `/api/v1/namespaces/${ns.name}/serviceaccounts/runner/token`, body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } } });
  const admin = await loadKubeConfig({ kubeconfig: inject('floeKubeconfig') });
  const cluster = admin.getCurrentCluster()!;
  const config = {
    apiVersion: 'v1', kind: 'Config', 'current-context': 'runner',
    clusters: [{ name: 'local', cluster: { server: cluster.server, ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}), ...(cluster.caFile ? { 'certificate-authority': cluster.caFile } : {}) } }],
    users: [{ name: 'runner', user: { token: token.status.token } }],
    contexts: [{ name: 'runner', context: { cluster: 'local', user: 'runner', namespace: ns.name } }],
  };
  const path = join(await mkdtemp(join(tmpdir(), 'floe-runner-')), 'kubeconfig');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

describe('the job-runner Role (on kwok)', () => {
  it('on kwok: is enough to record an OOMKilled attempt\'s report, retry it with more memory and explain it; credentials are then redacted by env name', async () => {
    env = await jobsNamespace(inject('floeKubeconfig'), { prefix: 'role' });
    const client = await KubeClient.connect({ kubeconfig: await jobRunnerKubeconfig(env) });
    const errors: unknown[] = [];
    const runner = new JobRunner(client, { bounds: testBounds, onError: (error) => errors.push(error) });
    try {
      const pipeline = testPipeline(`    - name: hungry
      type: dbt
      command: run
      resources: { limits: { memory: 1Gi } }`, '  retry: { maxAttempts: 2, backoff: { initialSeconds: 0, jitter: false }, onOOM: { maxMemory: 2Gi } }');
      const outcome = await runner.runWithRetries(env.step(pipeline, 'hungry'), { runId: 'role-oom', attemptOptions: (attempt) => (attempt === 1 ? failPod(137, { reason: 'OOMKilled' }) : {}) });
      expect(outcome.attempts.map((attempt) => attempt.status)).toEqual(['Failed', 'Succeeded']);
      const [step] = (await runner.explain(env.ns.name, 'role-oom')).steps;
      expect(step!.verdict).toBe('OOMKilled: the step used its 1Gi memory limit (exit 137); retry 2 ran with 2Gi and succeeded');
      const failed = step!.attempts[0]!;
      expect(failed.redaction).toBe('names');
      expect(failed.node).toMatchObject({ unavailable: 'forbidden for the job runner' });
      expect(errors).toEqual([]);
    } finally {
      await runner.close();
      client.close();
    }
  });
});

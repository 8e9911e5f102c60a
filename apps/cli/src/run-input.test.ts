import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { apiServerStandIn, type ApiServerStandIn } from '../test/api-server-stand-in.js';
import { captureOutput } from '../test/capture-output.js';
import { exitCodes } from './exit-codes.js';
import { runFloe } from './program.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A stand-in API server that serves ConfigMaps (the revision records) from `records`, in every namespace. */
async function clusterWithRevisions(records: readonly object[]): Promise<ApiServerStandIn & { selectors: string[] }> {
  const selectors: string[] = [];
  const server = await apiServerStandIn((_method, url) => {
    if (url.pathname === '/api/v1') return { code: 200, body: { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: ['list', 'get'] }] } };
    if (url.pathname === '/api/v1/configmaps') {
      selectors.push(url.searchParams.get('labelSelector') ?? '');
      return { code: 200, body: { kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: records } };
    }
    return { code: 404, body: { kind: 'Status', code: 404, reason: 'NotFound', message: `no ${url.pathname} here` } };
  });
  closers.push(server.close);
  return { ...server, selectors };
}

function revisionRecord(namespace: string, number: number, platform: object): object {
  return {
    metadata: { name: `acme-data-revision-${number}`, namespace, labels: { 'floe.dev/revision-of': 'acme-data' } },
    data: { number: String(number), platform: JSON.stringify(platform), digest: 'd', deployedAt: '2026-11-30T10:00:00Z', floeVersion: '0.1.0', cause: 'deploy' },
  };
}

// Loading the cluster modules (the Kubernetes client) takes seconds on a busy machine: a generous bound, not a timing.
describe('floe job run / pipeline run without -f', { timeout: 60_000 }, () => {
  it('exits 1 and says how to deploy when the cluster holds no revision of the pipeline\'s platform', async () => {
    const cluster = await clusterWithRevisions([]);
    for (const argv of [
      ['job', 'run', '-p', `${examples}pipelines/orders.yaml`, '--step', 'build-models'],
      ['pipeline', 'run', '-p', `${examples}pipelines/orders.yaml`],
    ]) {
      const output = captureOutput();
      expect(await runFloe([...argv, '--kubeconfig', cluster.kubeconfig], output)).toBe(exitCodes.invalidInput);
      expect(output.stderr()).toContain('error[PLATFORM_NOT_DEPLOYED]: platform "acme-data" is not deployed in this cluster');
      expect(output.stderr()).toContain('floe platform deploy -f platform.yaml');
    }
    expect(cluster.selectors).toEqual(['floe.dev/revision-of=acme-data', 'floe.dev/revision-of=acme-data']);
  });

  it('checks the pipeline against the newest revision: a schedule on a platform deployed without orchestrator is refused', async () => {
    const platform = (orchestrator: boolean) => ({ apiVersion: 'floe.dev/v1', kind: 'Platform', metadata: { name: 'acme-data' }, spec: { orchestrator: { enabled: orchestrator }, namespaces: { platform: 'floe-platform', jobs: 'floe-jobs' } } });
    const cluster = await clusterWithRevisions([revisionRecord('floe-platform', 1, platform(true)), revisionRecord('floe-platform', 2, platform(false))]);
    const output = captureOutput();
    const code = await runFloe(['pipeline', 'run', '-p', `${examples}pipelines/nightly-marts.yaml`, '--kubeconfig', cluster.kubeconfig], output);
    expect(output.stderr()).toContain('platform acme-data revision 2 (namespace floe-platform)');
    expect(output.stderr()).toContain('has its orchestrator disabled');
    expect(code).toBe(exitCodes.invalidInput);
  });

  it('refuses to guess when several namespaces hold the platform', async () => {
    const platform = { apiVersion: 'floe.dev/v1', kind: 'Platform', metadata: { name: 'acme-data' }, spec: {} };
    const cluster = await clusterWithRevisions([revisionRecord('team-a', 1, platform), revisionRecord('team-b', 1, platform)]);
    const output = captureOutput();
    expect(await runFloe(['job', 'run', '-p', `${examples}pipelines/orders.yaml`, '--step', 'build-models', '--kubeconfig', cluster.kubeconfig], output)).toBe(exitCodes.invalidInput);
    expect(output.stderr()).toContain('deployed in several namespaces (team-a, team-b)');
  });
});

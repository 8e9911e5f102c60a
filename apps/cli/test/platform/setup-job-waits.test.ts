import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderPlatform } from '@floe/manifests';
import { parsePlatformSpec } from '@floe/spec';
import type { KubeObject } from '@floe/kube';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { podLog, waitForPod, type TestNamespace } from '@floe/local-cluster/testing';
import { componentLabels, platformNamespace } from './probe-pod.js';
import { localPlatform } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: the init container that makes Polaris's realm bootstrap Job wait for its database itself, exactly as
// rendered for the example (Polaris) platform, pointed at the local platform's Dagster PostgreSQL (Polaris's admin
// tool cannot be built here, so the Job itself does not run on this node). Its pod wears the Dagster webserver's
// labels, so the rendered NetworkPolicies let it reach that database.
const platform = localPlatform();
const instance = platform.metadata.name;
const kubeconfig = inject('floeKubeconfig');
const postgresImage = platform.spec.orchestrator.database.type === 'inCluster' ? platform.spec.orchestrator.database.image : '';
const example = parsePlatformSpec(readFileSync(new URL('../../../../examples/platform.yaml', import.meta.url), 'utf8'), { file: 'platform.yaml' });
const realmBootstrap = renderPlatform(example).objects.find((object) => object.kind === 'Job' && object.metadata.name.startsWith(`${example.metadata.name}-polaris-bootstrap-`)) as KubeObject;
const podSpec = (realmBootstrap['spec'] as { template: { spec: Record<string, unknown> } }).template.spec;
const [renderedWait] = podSpec['initContainers'] as { name: string; env: { name: string; value: string }[] }[];

let ns: TestNamespace;
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  ns = await platformNamespace(kubeconfig, platform.spec.namespaces.platform);
});
afterAll(async () => {
  await ns.dispose();
});

/** A pod with the rendered init container, aimed at `host`, then a container that says it started. */
async function startWaiting(host: string): Promise<string> {
  const name = `wait-for-database-${randomBytes(3).toString('hex')}`;
  const env = { PGHOST: host, PGPORT: '5432', PGUSER: 'dagster', PGDATABASE: 'dagster' };
  await ns.resources.apply({
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: ns.name, labels: { ...componentLabels(instance, { name: 'dagster', component: 'webserver' }), 'floe.dev/probe': 'true' } },
    spec: {
      restartPolicy: 'Never', terminationGracePeriodSeconds: 1, automountServiceAccountToken: false, enableServiceLinks: false,
      securityContext: podSpec['securityContext'],
      initContainers: [{ ...renderedWait, image: postgresImage, imagePullPolicy: 'Never', env: renderedWait!.env.map((entry) => ({ name: entry.name, value: env[entry.name as keyof typeof env] })) }],
      containers: [{ name: 'started', image: postgresImage, imagePullPolicy: 'Never', command: ['/bin/sh', '-c', 'echo started'], securityContext: (renderedWait as Record<string, unknown>)['securityContext'] }],
    },
  });
  return name;
}

describe('a setup Job that waits for its database itself, on the real node', () => {
  it('renders the wait with the database\'s endpoint as its env, as the admin tool\'s user (uid 10000, read-only root)', () => {
    expect(renderedWait!.name).toBe('wait-for-database');
    expect(renderedWait!.env.map((entry) => entry.name)).toEqual(['PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE']);
    expect(podSpec['securityContext']).toMatchObject({ runAsUser: 10000 });
    expect(realmBootstrap.metadata.annotations?.['floe.dev/waits-for-dependencies']).toBe('itself');
  });

  it('lets the Job\'s container start once PostgreSQL accepts connections', async () => {
    const name = await startWaiting(`${instance}-dagster-postgresql.${ns.name}.svc`);
    try {
      const pod = await waitForPod(ns, name, undefined, 120_000);
      expect(pod.status?.phase).toBe('Succeeded');
      expect(await podLog(ns, name, 'wait-for-database')).toContain('accepts connections');
      expect(await podLog(ns, name, 'started')).toBe('started\n');
    } finally {
      await ns.resources.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name }).catch(() => false);
    }
  });

  it('keeps the Job\'s container from starting while no PostgreSQL answers', async () => {
    const name = await startWaiting(`${instance}-no-such-postgresql.${ns.name}.svc`);
    try {
      // Its first attempts have failed once the init container has run for a few seconds; it is still waiting then.
      const pod = await waitForPod(ns, name, (status) => {
        const running = (status as { initContainerStatuses?: { state?: { running?: { startedAt?: string } } }[] }).initContainerStatuses?.[0]?.state?.running?.startedAt;
        return running !== undefined && Date.now() - Date.parse(running) > 8_000;
      }, 60_000);
      expect(pod.status?.phase).toBe('Pending');
      expect(pod.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('PodInitializing');
    } finally {
      await ns.resources.delete({ apiVersion: 'v1', kind: 'Pod', namespace: ns.name, name }).catch(() => false);
    }
  });
});

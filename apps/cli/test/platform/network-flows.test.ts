import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPipelineJob, renderPlatform } from '@floe/manifests';
import { parsePipelineSpec } from '@floe/spec';
import { readFileSync } from 'node:fs';
import type { TestNamespace } from '@floe/local-cluster/testing';
// The connections the services are configured to make (dagster.yaml, workspace.yaml, JDBC URLs, env,
// the platform config), derived from the rendered configuration, not from the policy table.
import { configuredFlows, type ConfiguredFlow } from '../../../../packages/manifests/test/configured-flows.js';
import { podTemplates, type PodTemplateView } from '../../../../packages/manifests/test/fixtures.js';
import { runWorkerPod } from '../../../../packages/manifests/test/run-worker-pod.js';
import { componentLabels, platformNamespace, runProbe } from './probe-pod.js';
import { localPlatform } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: every connection below is a TCP connection between pods of floe-node, through kube-proxy's
// Service rules and kube-router's NetworkPolicy chains.
const platform = localPlatform();
const instance = platform.metadata.name;
const orders = parsePipelineSpec(readFileSync(new URL('../../../../examples/local/orders.yaml', import.meta.url), 'utf8'), { file: 'orders.yaml' });
const objects = [...renderPlatform(platform, { pipelines: [orders] }).objects, renderPipelineJob({ platform, pipeline: orders, step: orders.spec.steps[0]!, runId: 'r1', attempt: 1 })];
const runWorker = runWorkerPod(objects, platform.spec.namespaces.jobs);
const flows = configuredFlows({ objects, pods: [...podTemplates(objects), runWorker], runWorker });
const kubeconfig = inject('floeKubeconfig');
const toolbox = inject('floeToolboxImage');
const namespaces = new Map<string, TestNamespace>();
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  for (const name of [platform.spec.namespaces.platform, platform.spec.namespaces.jobs]) namespaces.set(name, await platformNamespace(kubeconfig, name));
});
afterAll(async () => {
  await Promise.all([...namespaces.values()].map((ns) => ns.dispose()));
});

const identity = (pod: PodTemplateView) => componentLabels(instance, { name: pod.labels['app.kubernetes.io/name']!, component: pod.labels['app.kubernetes.io/component']! });
const target = (flow: ConfiguredFlow) => `${flow.service.metadata.name}.${flow.service.metadata.namespace}.svc ${flow.port}`;

/**
 * A script that tries each `host port` (busybox nc) and prints `<host port> CONNECTED|BLOCKED`.
 * `retry`: tries for up to 60 s (a new pod's policy chain is programmed a moment after it starts);
 * otherwise waits 10 s first and calls it BLOCKED only when three tries 2 s apart all fail.
 */
function connectScript(targets: readonly string[], retry: boolean): string {
  const attempts = retry ? 30 : 3;
  return [
    retry ? '' : 'sleep 10',
    `for t in ${targets.map((entry) => `'${entry}'`).join(' ')}; do`,
    `  ok=BLOCKED; i=0; while [ $i -lt ${attempts} ]; do i=$((i+1)); if nc -w 2 $t </dev/null >/dev/null 2>&1; then ok=CONNECTED; break; fi; sleep 2; done`,
    '  echo "$t $ok"',
    'done',
  ].join('\n');
}

function verdicts(log: string): Record<string, string> {
  return Object.fromEntries(log.trim().split('\n').filter((line) => / (CONNECTED|BLOCKED)$/.test(line)).map((line) => [line.replace(/ (CONNECTED|BLOCKED)$/, ''), line.endsWith('CONNECTED') ? 'CONNECTED' : 'BLOCKED']));
}

describe('NetworkPolicies on the real node, against the connections the services are configured to make', () => {
  it('find the connections in the rendered configuration of the local platform', () => {
    const seen = new Set(flows.map((flow) => `${flow.from.owner.metadata.name} -> ${flow.service.metadata.name}:${flow.port}`));
    for (const expected of [
      `${instance}-dagster-webserver -> ${instance}-dagster-code-location:3030`,
      `${instance}-dagster-daemon -> ${instance}-dagster-postgresql:5432`,
      `${instance}-iceberg-rest -> ${instance}-iceberg-rest-postgresql:5432`,
      `${instance}-iceberg-rest -> ${instance}-minio:9000`,
    ]) expect(seen, expected).toContain(expected);
  });

  it('let every configured connection through, from a pod wearing the client\'s labels', async () => {
    const bySource = new Map<string, { pod: PodTemplateView; targets: Set<string> }>();
    for (const flow of flows) {
      const key = `${flow.from.namespace}/${JSON.stringify(identity(flow.from))}`;
      const entry = bySource.get(key) ?? { pod: flow.from, targets: new Set<string>() };
      entry.targets.add(target(flow));
      bySource.set(key, entry);
    }
    const results = await Promise.all([...bySource.values()].map(async ({ pod, targets }) => {
      const probe = await runProbe(namespaces.get(pod.namespace)!, { name: 'flow', image: toolbox, labels: identity(pod), command: ['/bin/sh', '-c', connectScript([...targets], true)], timeoutMs: 240_000 });
      return Object.entries(verdicts(probe.log)).map(([to, verdict]) => `${pod.labels['app.kubernetes.io/name']}/${pod.labels['app.kubernetes.io/component']} -> ${to}: ${verdict}`);
    }));
    const all = results.flat();
    expect(all.length).toBe(new Set(flows.map((flow) => `${flow.from.namespace}/${JSON.stringify(identity(flow.from))} ${target(flow)}`)).size);
    expect(all.filter((line) => !line.endsWith('CONNECTED'))).toEqual([]);
  });

  it('block what must not exist: a pipeline step to Dagster\'s PostgreSQL and to the code location (while it reaches the catalog)', async () => {
    const ns = platform.spec.namespaces.platform;
    const forbidden = [`${instance}-dagster-postgresql.${ns}.svc 5432`, `${instance}-dagster-code-location.${ns}.svc 3030`, `${instance}-iceberg-rest-postgresql.${ns}.svc 5432`];
    const allowed = `${instance}-iceberg-rest.${ns}.svc 8181`;
    const step = componentLabels(instance, { name: 'floe-job', component: 'pipeline-step' });
    const probe = await runProbe(namespaces.get(platform.spec.namespaces.jobs)!, { name: 'forbidden', image: toolbox, labels: step, command: ['/bin/sh', '-c', connectScript([allowed, ...forbidden], false)], timeoutMs: 120_000 });
    const seen = verdicts(probe.log);
    expect(seen[allowed]).toBe('CONNECTED');
    for (const entry of forbidden) expect(seen[entry], entry).toBe('BLOCKED');
  });
});

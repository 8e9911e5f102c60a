import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestNamespace, eventually, podLog, type TestNamespace } from '@floe/local-cluster/testing';
import { componentLabels, fromSecret, platformNamespace, runProbe } from './probe-pod.js';
import { localPlatform } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: each check runs in a pod of floe-node that wears the labels of the component whose
// connection it makes, so the rendered NetworkPolicies (enforced by kube-router) apply to it.
const platform = localPlatform();
const instance = platform.metadata.name;
const kubeconfig = inject('floeKubeconfig');
const svc = (name: string) => `${instance}-${name}.${platform.spec.namespaces.platform}.svc`;
const images = {
  postgres: platform.spec.orchestrator.database.type === 'inCluster' ? platform.spec.orchestrator.database.image : '',
  job: platform.spec.jobs.image,
  dagster: platform.spec.orchestrator.codeLocation.image,
  mc: platform.spec.storage.type === 'minio' ? platform.spec.storage.clientImage : '',
};
const stepLabels = componentLabels(instance, { name: 'floe-job', component: 'pipeline-step' });
let platformNs: TestNamespace;
let jobsNs: TestNamespace;
let outside: TestNamespace;
beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  platformNs = await platformNamespace(kubeconfig, platform.spec.namespaces.platform);
  jobsNs = await platformNamespace(kubeconfig, platform.spec.namespaces.jobs);
  // A namespace without floe's policies: a user's client, for the services floe exposes to everyone.
  outside = await createTestNamespace(kubeconfig, { prefix: 'client' });
});
afterAll(async () => {
  await Promise.all([platformNs.dispose(), jobsNs.dispose(), outside.dispose()]);
});

/** Python in the floe-job image: an HTTP request, the status and the body on stdout. */
const http = (method: string, url: string, body?: string, headers: Record<string, string> = {}) => [
  'python3', '-c',
  [
    'import sys, urllib.request',
    `req = urllib.request.Request(${JSON.stringify(url)}, method=${JSON.stringify(method)}, data=${body === undefined ? 'None' : `${JSON.stringify(body)}.encode()`}, headers=${JSON.stringify(headers)})`,
    'try:',
    '    res = urllib.request.urlopen(req, timeout=20)',
    'except urllib.error.HTTPError as error:',
    '    res = error',
    'print(res.status); print(res.read().decode())',
  ].join('\n'),
];

describe('each platform service, checked from the inside on the real node', () => {
  it('PostgreSQL of Dagster accepts the generated credentials (and refuses a wrong password)', async () => {
    const probe = (password: Record<string, unknown>) => runProbe(platformNs, {
      name: 'psql', image: images.postgres, runAsUser: 999, labels: componentLabels(instance, { name: 'dagster', component: 'webserver' }),
      env: [password], command: ['psql', '-h', svc('dagster-postgresql'), '-U', 'dagster', '-d', 'dagster', '-tAc', "select 'ok-' || current_user"],
    });
    const good = await probe(fromSecret('PGPASSWORD', `${instance}-dagster-postgresql`, 'password'));
    expect(good.log.trim()).toBe('ok-dagster');
    const bad = await probe({ name: 'PGPASSWORD', value: 'not-the-password' });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.log).toContain('password authentication failed');
  });

  it('the Dagster webserver answers GraphQL with the code location\'s repository, job and schedule (loaded over gRPC)', async () => {
    const query = JSON.stringify({ query: '{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } jobs { name } schedules { name } } } } }' });
    const result = await runProbe(outside, { name: 'graphql', image: images.job, labels: {}, command: http('POST', `http://${svc('dagster-webserver')}:3000/graphql`, query, { 'content-type': 'application/json' }) });
    const [status, body] = result.log.split('\n');
    expect(status).toBe('200');
    const nodes = (JSON.parse(body!) as { data: { repositoriesOrError: { nodes: { location: { name: string }; jobs: { name: string }[]; schedules: { name: string }[] }[] } } }).data.repositoriesOrError.nodes;
    expect(nodes.map((node) => node.location.name)).toEqual(['floe-pipelines']);
    expect(nodes[0]!.jobs.map((job) => job.name)).toContain('orders');
    expect(nodes[0]!.schedules.map((schedule) => schedule.name)).toContain('orders_schedule');
  });

  it('the Iceberg REST catalog answers its config endpoint to a pipeline step', async () => {
    const result = await runProbe(jobsNs, { name: 'catalog', image: images.job, labels: stepLabels, command: http('GET', `http://${svc('iceberg-rest')}:8181/v1/config`) });
    const [status, body] = result.log.split('\n');
    expect(status).toBe('200');
    expect(Object.keys(JSON.parse(body!) as object)).toEqual(expect.arrayContaining(['defaults', 'overrides']));
  });

  it('MinIO has the platform\'s buckets, read with the generated credentials', async () => {
    const result = await runProbe(platformNs, {
      name: 'buckets', image: images.mc, labels: componentLabels(instance, { name: 'minio', component: 'bucket-setup' }),
      env: [{ name: 'MC_CONFIG_DIR', value: '/tmp/mc' }, fromSecret('ACCESS_KEY', `${instance}-minio-credentials`, 'AWS_ACCESS_KEY_ID'), fromSecret('SECRET_KEY', `${instance}-minio-credentials`, 'AWS_SECRET_ACCESS_KEY')],
      command: ['/bin/sh', '-c', `mc alias set floe http://${svc('minio')}:9000 "$ACCESS_KEY" "$SECRET_KEY" >/dev/null && mc ls floe`],
    });
    expect(result.exitCode).toBe(0);
    const buckets = platform.spec.storage.type === 'minio' ? platform.spec.storage.buckets : [];
    for (const bucket of buckets) expect(result.log).toContain(`${bucket}/`);
  });

  it('the OCI registry accepts a blob push and serves the same bytes back', async () => {
    const base = `http://${svc('registry')}:5000/v2/probe/blobs`;
    const script = [
      'import hashlib, urllib.request',
      'data = b"floe registry probe"',
      'digest = "sha256:" + hashlib.sha256(data).hexdigest()',
      `start = urllib.request.urlopen(urllib.request.Request("${base}/uploads/", method="POST", data=b""), timeout=20)`,
      'location = start.headers["Location"]',
      `location = location if location.startswith("http") else "http://${svc('registry')}:5000" + location`,
      'sep = "&" if "?" in location else "?"',
      'urllib.request.urlopen(urllib.request.Request(location + sep + "digest=" + digest, method="PUT", data=data, headers={"content-type": "application/octet-stream"}), timeout=20)',
      `back = urllib.request.urlopen("${base}/" + digest, timeout=20).read()`,
      'print("same" if back == data else "different", digest)',
    ].join('\n');
    const result = await runProbe(outside, { name: 'registry', image: images.job, labels: {}, command: ['python3', '-c', script] });
    expect(result.log).toMatch(/^same sha256:[0-9a-f]{64}/);
  });

  it('the OTel collector receives an OTLP/HTTP span from a pipeline step and its debug exporter logs it', async () => {
    const span = JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'floe-inside-check' } }] }, scopeSpans: [{ spans: [{
      traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'inside-check', kind: 1,
      startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000',
    }] }] }] });
    const result = await runProbe(jobsNs, { name: 'otlp', image: images.job, labels: stepLabels, command: http('POST', `http://${svc('otel-collector')}:4318/v1/traces`, span, { 'content-type': 'application/json' }) });
    expect(result.log.split('\n')[0]).toBe('200');
    const collector = (await platformNs.resources.list('v1', 'Pod', { namespace: platformNs.name, labelSelector: 'app.kubernetes.io/name=otel-collector' })).items;
    const logs = await eventually(async () => (await Promise.all(collector.map((pod) => podLog(platformNs, pod.metadata.name)))).join('\n'), (text) => /spans"?:\s*1/.test(text), { timeoutMs: 30_000, what: 'the span in the collector log' });
    expect(logs).toMatch(/Traces/);
  });

  it('Prometheus has every scrape target up (asked from the node, as kubectl port-forward would)', async () => {
    const [pod] = (await platformNs.resources.list('v1', 'Pod', { namespace: platformNs.name, labelSelector: 'app.kubernetes.io/name=prometheus' })).items as unknown as { status: { podIP: string } }[];
    interface Target { labels: { job: string }; health: string; lastError: string }
    const targets = async () => ((await (await fetch(`http://${pod!.status.podIP}:9090/api/v1/targets`)).json()) as { data: { activeTargets: Target[] } }).data.activeTargets;
    const seen = await eventually(targets, (list) => list.length > 0 && list.every((target) => target.health === 'up'), { timeoutMs: 120_000, intervalMs: 3000, what: 'every target up' });
    expect(seen.map((target) => target.labels.job).sort()).toEqual(expect.arrayContaining(['minio', 'otel-collector', 'prometheus', 'registry']));
  });
});

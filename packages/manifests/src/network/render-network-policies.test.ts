import { describe, expect, it } from 'vitest';
import { examplePipeline, examplePlatform, examplePlatformText, ofKind, platformFromText, podTemplates, type PodTemplateView } from '../../test/fixtures.js';
import { networkReach } from '../../test/network-reach.js';
import { runWorkerPod } from '../../test/run-worker-pod.js';
import { renderPipelineJob } from '../pipeline-pod/render-pipeline-job.js';
import { renderPlatform } from '../render/render-platform.js';
import { renderNetworkPolicies } from './render-network-policies.js';

const platform = examplePlatform();
const orders = examplePipeline('orders');
const rendered = renderPlatform(platform).objects;
const pipelineJob = renderPipelineJob({ platform, pipeline: orders, step: orders.spec.steps[0]!, runId: 'r1', attempt: 1 });
const runWorker = runWorkerPod(rendered);
const pods = [...podTemplates([...rendered, pipelineJob]), runWorker];
const { policies, matches, peerMatches, canReach, reachesOutside } = networkReach(rendered);

function pod(name: string): PodTemplateView {
  const found = pods.find((candidate) => candidate.owner.metadata.name === name || candidate.owner.metadata.name.startsWith(`${name}-`) && candidate.owner.kind === 'Job');
  if (!found) throw new Error(`no pod ${name}`);
  return found;
}

describe('NetworkPolicies of the example platform', () => {
  it('default-deny ingress and egress in both namespaces', () => {
    for (const namespace of ['floe-platform', 'floe-jobs']) {
      expect(policies.find((policy) => policy.namespace === namespace && policy.name === 'acme-data-default-deny')?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    }
  });

  it('use only peer and pod selectors that match the labels of at least one rendered pod', () => {
    for (const policy of policies) {
      if (Object.keys(policy.spec.podSelector.matchLabels ?? {}).length > 0) {
        expect(pods.some((candidate) => candidate.namespace === policy.namespace && matches(policy.spec.podSelector, candidate.labels)), policy.name).toBe(true);
      }
      for (const rule of [...(policy.spec.ingress ?? []), ...(policy.spec.egress ?? [])]) {
        for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
          const namespace = peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'];
          if (namespace === 'kube-system') continue;
          expect(pods.some((candidate) => peerMatches(peer, policy.namespace, candidate)), `${policy.name} ${JSON.stringify(peer)}`).toBe(true);
        }
      }
    }
  });

  const required: [string, string, number][] = [
    ['pipeline job', 'acme-data-polaris', 8181],
    ['pipeline job', 'acme-data-minio', 9000],
    ['pipeline job', 'acme-data-otel-collector', 4317],
    ['pipeline job', 'acme-data-otel-collector', 4318],
    ['acme-data-dagster-webserver', 'acme-data-dagster-postgresql', 5432],
    ['acme-data-dagster-daemon', 'acme-data-dagster-postgresql', 5432],
    ['acme-data-dagster-webserver', 'acme-data-dagster-code-location', 3030],
    ['acme-data-dagster-daemon', 'acme-data-dagster-code-location', 3030],
    ['acme-data-dagster-code-location', 'acme-data-dagster-postgresql', 5432],
    ['dagster run worker', 'acme-data-dagster-postgresql', 5432],
    ['acme-data-polaris', 'acme-data-polaris-postgresql', 5432],
    ['acme-data-polaris-bootstrap', 'acme-data-polaris-postgresql', 5432],
    ['acme-data-polaris', 'acme-data-minio', 9000],
    ['acme-data-minio-buckets', 'acme-data-minio', 9000],
    ['acme-data-cube-api', 'acme-data-cubestore-router', 3030],
    ['acme-data-cube-refresh-worker', 'acme-data-cubestore-router', 3030],
    ['acme-data-cube-api', 'acme-data-polaris', 8181],
    ['acme-data-cubestore-router', 'acme-data-cubestore-worker', 10001],
    ['acme-data-cubestore-worker', 'acme-data-cubestore-router', 9999],
    ['acme-data-cubestore-worker', 'acme-data-minio', 9000],
    ['acme-data-grafana', 'acme-data-prometheus', 9090],
    ['acme-data-prometheus', 'acme-data-polaris', 8182],
    ['acme-data-prometheus', 'acme-data-otel-collector', 8888],
  ];
  const resolve = (name: string) => {
    if (name === 'pipeline job') return pods.find((candidate) => candidate.owner === pipelineJob)!;
    return name === 'dagster run worker' ? runWorker : pod(name);
  };

  for (const [from, to, port] of required) {
    it(`let ${from} reach ${to} on ${port}`, () => {
      expect(canReach(resolve(from), resolve(to), port)).toBe(true);
    });
  }

  it('let Dagster\'s run launcher (daemon, webserver) and the run workers (`floe job run`) reach the API server, and nothing else in the chain', () => {
    for (const name of ['acme-data-dagster-daemon', 'acme-data-dagster-webserver', 'dagster run worker']) {
      for (const port of [443, 6443]) expect(reachesOutside(resolve(name), port), `${name} ${port}`).toBe(true);
    }
    for (const name of ['pipeline job', 'acme-data-dagster-code-location', 'acme-data-dagster-postgresql']) expect(reachesOutside(resolve(name), 443), name).toBe(false);
  });

  it('let every pod resolve names: DNS egress to kube-dns in each namespace a pod runs in, run workers included', () => {
    for (const candidate of pods) {
      const dns = policies.find((policy) => policy.namespace === candidate.namespace && policy.name === 'acme-data-allow-dns');
      expect(dns?.spec, candidate.owner.metadata.name).toMatchObject({ podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }] });
    }
  });

  it('keep what nothing needs closed: pipeline steps reach neither database nor the code location, Grafana cannot reach MinIO', () => {
    expect(canReach(resolve('pipeline job'), pod('acme-data-polaris-postgresql'), 5432)).toBe(false);
    expect(canReach(resolve('pipeline job'), pod('acme-data-dagster-postgresql'), 5432)).toBe(false);
    expect(canReach(resolve('pipeline job'), pod('acme-data-dagster-code-location'), 3030)).toBe(false);
    expect(canReach(resolve('dagster run worker'), pod('acme-data-polaris-postgresql'), 5432)).toBe(false);
    expect(canReach(pod('acme-data-grafana'), pod('acme-data-minio'), 9000)).toBe(false);
    expect(canReach(pod('acme-data-cube-api'), pod('acme-data-dagster-postgresql'), 5432)).toBe(false);
  });

  it('render no policy when they are disabled', () => {
    const off = { ...platform, spec: { ...platform.spec, networkPolicies: { ...platform.spec.networkPolicies, enabled: false } } };
    expect(ofKind(renderPlatform(off).objects, 'NetworkPolicy')).toEqual([]);
  });
});

describe('the DNS egress rule', () => {
  it('follows spec.networkPolicies.dns (OpenShift: 5353 in openshift-dns)', () => {
    const text = examplePlatformText().replace('networkPolicies:\n    enabled: true\n', 'networkPolicies:\n    enabled: true\n    dns:\n      namespace: openshift-dns\n      podLabels: { dns.operator.openshift.io/daemonset-dns: default }\n      ports: [5353]\n');
    const policies = renderNetworkPolicies(platformFromText(text)).filter((policy) => policy.metadata.name.endsWith('allow-dns'));
    expect(policies.length).toBe(2);
    for (const policy of policies) {
      expect((policy['spec'] as { egress: unknown[] }).egress).toEqual([{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } }, podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } }],
        ports: [{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }],
      }]);
    }
  });
});

describe('the API server egress rule', () => {
  it('follows spec.networkPolicies.apiServer.ports (minikube: 8443) for every pod that calls the API server, and only those', () => {
    const text = examplePlatformText().replace('networkPolicies:\n    enabled: true\n', 'networkPolicies:\n    enabled: true\n    apiServer:\n      ports: [8443]\n');
    const minikube = platformFromText(text);
    const objects = renderPlatform(minikube).objects;
    const reach = networkReach(objects);
    const worker = runWorkerPod(objects);
    const views = [...podTemplates(objects), worker];
    const named = (name: string) => views.find((candidate) => candidate.owner.metadata.name === name)!;
    for (const view of [named('acme-data-dagster-daemon'), named('acme-data-dagster-webserver'), worker]) {
      expect(reach.reachesOutside(view, 8443), view.owner.metadata.name).toBe(true);
      expect(reach.reachesOutside(view, 6443), view.owner.metadata.name).toBe(false);
      expect(reach.reachesOutside(view, 443), view.owner.metadata.name).toBe(false);
    }
    expect(reach.reachesOutside(named('acme-data-dagster-code-location'), 8443)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePipeline, examplePlatform, ofKind, podTemplates, type ContainerView, type PodTemplateView } from '../../test/fixtures.js';
import { networkReach } from '../../test/network-reach.js';
import { runWorkerPod } from '../../test/run-worker-pod.js';
import type { KubeObject } from '../kube/kube-object.js';
import { renderPipelineJob } from '../pipeline-pod/render-pipeline-job.js';
import { renderPlatform } from '../render/render-platform.js';

const platform = examplePlatform();
const orders = examplePipeline('orders');
const objects = [...renderPlatform(platform, { pipelines: [orders] }).objects, renderPipelineJob({ platform, pipeline: orders, step: orders.spec.steps[0]!, runId: 'r1', attempt: 1 })];
const runWorker = runWorkerPod(objects);
const pods = [...podTemplates(objects), runWorker];
const { canReach } = networkReach(objects);

/**
 * Settings that name a Service without being a connection the pod opens:
 * - FLOE_ORCHESTRATOR_URL, FLOE_REGISTRY_URL: published in the platform
 *   config for users' tools; no floe process reads them;
 * - CUBESTORE_SERVER_NAME: a Cube Store node's own advertised address;
 * - CUBESTORE_WORKERS on a worker: the cluster's member list (the router
 *   connects to the workers; workers connect to the router's metastore
 *   through CUBESTORE_META_ADDR).
 */
function isConnection(pod: PodTemplateView, setting: string): boolean {
  if (/(^|:)(FLOE_ORCHESTRATOR_URL|FLOE_REGISTRY_URL)$/.test(setting) || setting === 'env CUBESTORE_SERVER_NAME') return false;
  return !(setting === 'env CUBESTORE_WORKERS' && pod.labels['app.kubernetes.io/component'] === 'worker');
}

const configMapData = (namespace: string, name: string) =>
  (objects.find((object) => object.kind === 'ConfigMap' && object.metadata.namespace === namespace && object.metadata.name === name)?.['data'] ?? {}) as Record<string, string>;

/**
 * What a pod's processes are configured with: env values, command lines, and
 * the ConfigMaps they read by envFrom or as files. Run workers get the
 * Dagster instance (dagster.yaml) as an InstanceRef in their arguments, and
 * only start step Jobs, so the platform config they inherit is not theirs.
 */
function settingsOf(pod: PodTemplateView): { setting: string; text: string }[] {
  if (pod === runWorker) return Object.entries(configMapData(pod.namespace, 'acme-data-dagster-instance')).map(([key, text]) => ({ setting: `acme-data-dagster-instance:${key}`, text }));
  const containers: ContainerView[] = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const fromConfigMaps = (names: readonly string[]) => names.flatMap((name) => Object.entries(configMapData(pod.namespace, name)).map(([key, text]) => ({ setting: `${name}:${key}`, text })));
  const volumes = ((pod.spec['volumes'] ?? []) as { configMap?: { name: string } }[]).flatMap((volume) => (volume.configMap ? [volume.configMap.name] : []));
  return [
    ...containers.flatMap((container) => [
      ...(container.env ?? []).flatMap((entry) => (entry.value === undefined ? [] : [{ setting: `env ${entry.name}`, text: entry.value }])),
      { setting: `${container.name} command`, text: [...((container['command'] ?? []) as string[]), ...((container['args'] ?? []) as string[])].join(' ') },
      ...fromConfigMaps(((container['envFrom'] ?? []) as { configMapRef?: { name: string } }[]).flatMap((source) => (source.configMapRef ? [source.configMapRef.name] : []))),
    ]),
    ...fromConfigMaps(volumes),
  ];
}

interface ServiceSpec { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string | number }[] }
const services = ofKind(objects, 'Service');

/** The pods behind a Service port, with the container port the connection lands on. */
function backends(service: KubeObject, port: number): { pod: PodTemplateView; containerPort: number }[] {
  const spec = service['spec'] as ServiceSpec;
  const servicePort = spec.ports.find((candidate) => candidate.port === port);
  if (!servicePort) return [];
  return pods
    .filter((candidate) => candidate.namespace === service.metadata.namespace && Object.entries(spec.selector).every(([key, value]) => candidate.labels[key] === value))
    .map((candidate) => {
      const named = candidate.spec.containers.flatMap((container) => (container['ports'] ?? []) as { name: string; containerPort: number }[]).find((entry) => entry.name === servicePort.targetPort);
      return { pod: candidate, containerPort: typeof servicePort.targetPort === 'number' ? servicePort.targetPort : named!.containerPort };
    });
}

interface ConfiguredFlow { from: PodTemplateView; setting: string; service: KubeObject; port: number }

/**
 * Every `<service>.<namespace>.svc[:port]` a pod is configured to reach. A
 * host without a port (dagster.yaml's `hostname`, CUBEJS_CUBESTORE_HOST) takes
 * the Service ports that the pod's settings name elsewhere (`port: 5432`,
 * CUBEJS_CUBESTORE_PORT), else every port of the Service.
 */
function configuredFlows(): ConfiguredFlow[] {
  const flows: ConfiguredFlow[] = [];
  for (const pod of pods) {
    const settings = settingsOf(pod).filter((entry) => isConnection(pod, entry.setting));
    const allText = settings.map((entry) => entry.text).join('\n');
    for (const { setting, text } of settings) {
      for (const match of text.matchAll(/([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?::(\d+))?/g)) {
        const service = services.find((candidate) => candidate.metadata.name === match[1] && candidate.metadata.namespace === match[2]);
        if (!service) continue;
        const servicePorts = (service['spec'] as ServiceSpec).ports.map((entry) => entry.port);
        const named = servicePorts.filter((port) => new RegExp(`\\b${port}\\b`).test(allText));
        for (const port of match[3] ? [Number(match[3])] : named.length > 0 ? named : servicePorts) flows.push({ from: pod, setting, service, port });
      }
    }
  }
  return flows;
}

const flows = configuredFlows();
const describeFlow = (flow: ConfiguredFlow) => `${flow.from.owner.kind}/${flow.from.owner.metadata.name} -> ${flow.service.metadata.name}:${flow.port} (${flow.setting})`;

describe('NetworkPolicies against the connections the services are configured to make', () => {
  it('find the connections in the rendered configuration (dagster.yaml, workspace.yaml, JDBC URLs, env, the platform config)', () => {
    const seen = new Set(flows.map((flow) => `${flow.from.owner.metadata.name} -> ${flow.service.metadata.name}:${flow.port}`));
    for (const expected of [
      'acme-data-dagster-webserver -> acme-data-dagster-code-location:3030',
      'acme-data-dagster-daemon -> acme-data-dagster-postgresql:5432',
      'acme-data-dagster-code-location -> acme-data-dagster-postgresql:5432',
      'dagster-run-r1 -> acme-data-dagster-postgresql:5432',
      'acme-data-polaris -> acme-data-polaris-postgresql:5432',
      'acme-data-cube-api -> acme-data-cubestore-router:3030',
      'acme-data-cubestore-worker -> acme-data-cubestore-router:9999',
      'acme-data-grafana -> acme-data-prometheus:9090',
    ]) expect(seen, expected).toContain(expected);
    expect(flows.length).toBeGreaterThan(20);
  });

  it('allow every one of them, from the client pod to every pod behind the Service, on the container port', () => {
    const blocked = flows.flatMap((flow) => backends(flow.service, flow.port)
      .filter((backend) => !canReach(flow.from, backend.pod, backend.containerPort))
      .map((backend) => `${describeFlow(flow)} to ${backend.pod.owner.metadata.name}:${backend.containerPort}`));
    expect(blocked).toEqual([]);
  });

  it('find nothing in a pipeline step\'s configuration that points at Dagster\'s database or the code location', () => {
    const step = pods.find((candidate) => candidate.labels['app.kubernetes.io/component'] === 'pipeline-step')!;
    const targets = flows.filter((flow) => flow.from === step).map((flow) => flow.service.metadata.name);
    expect(targets).not.toContain('acme-data-dagster-postgresql');
    expect(targets).not.toContain('acme-data-dagster-code-location');
    expect((parse(configMapData('floe-jobs', 'acme-data-dagster-instance')['dagster.yaml']!) as { storage: unknown }).storage).toBeDefined();
  });
});

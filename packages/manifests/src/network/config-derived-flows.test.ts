import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePipeline, examplePlatform, podTemplates } from '../../test/fixtures.js';
import { networkReach } from '../../test/network-reach.js';
import { runWorkerPod } from '../../test/run-worker-pod.js';
import { backends, configuredFlows, type ConfiguredFlow } from '../../test/configured-flows.js';
import { renderPipelineJob } from '../pipeline-pod/render-pipeline-job.js';
import { renderPlatform } from '../render/render-platform.js';

const platform = examplePlatform();
const orders = examplePipeline('orders');
const objects = [...renderPlatform(platform, { pipelines: [orders] }).objects, renderPipelineJob({ platform, pipeline: orders, step: orders.spec.steps[0]!, runId: 'r1', attempt: 1 })];
const runWorker = runWorkerPod(objects);
const pods = [...podTemplates(objects), runWorker];
const { canReach } = networkReach(objects);

const rendered = { objects, pods, runWorker };
const flows = configuredFlows(rendered);
const configMapData = (namespace: string, name: string) =>
  (objects.find((object) => object.kind === 'ConfigMap' && object.metadata.namespace === namespace && object.metadata.name === name)?.['data'] ?? {}) as Record<string, string>;
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
    const blocked = flows.flatMap((flow) => backends(rendered, flow.service, flow.port)
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

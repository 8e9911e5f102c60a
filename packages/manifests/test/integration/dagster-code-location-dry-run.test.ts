import { randomBytes } from 'node:crypto';
import { KubeClient, ResourceClient } from '@floe/kube';
import { createPrerequisites, dryRunRejections, podsOf } from '../dry-run.js';
import type {} from '@floe/local-cluster/testing';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { examplePipeline, examplePlatformText, platformFromText } from '../fixtures.js';
import { renderPipelineJob, renderPlatform, type KubeObject } from '../../src/index.js';

// The example platform and pipelines, namespaces unique to this run.
const suffix = randomBytes(3).toString('hex');
const platform = platformFromText(
  examplePlatformText().replace('platform: floe-platform', `platform: floe-dcl-${suffix}`).replace('jobs: floe-jobs', `jobs: floe-dcl-jobs-${suffix}`),
);
const pipelines = [examplePipeline('orders'), examplePipeline('nightly-marts')];
const rendered = renderPlatform(platform, { pipelines });
const dagster = rendered.components.find((component) => component.name === '10-dagster')!.objects;
const jobsNamespace = platform.spec.namespaces.jobs;

type PodSpec = Record<string, unknown> & { containers: Record<string, unknown>[] };
const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
/** Dagster's snake_case k8s config back to Kubernetes JSON; label maps keep their keys. */
function camelKeys(value: unknown, keepKeys = false): unknown {
  if (Array.isArray(value)) return value.map((item) => camelKeys(item));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [keepKeys ? key : camel(key), camelKeys(item, key === 'labels')]));
}

interface LauncherConfig {
  job_image: string; service_account_name: string; image_pull_secrets: unknown[]; env_config_maps: string[]; labels: Record<string, string>;
  resources: unknown; security_context: unknown; volumes: unknown[]; volume_mounts: unknown[];
  run_k8s_config: { container_config: Record<string, unknown>; pod_spec_config: Record<string, unknown> };
}

/** The Pod Dagster's K8sRunLauncher would create from dagster.yaml (the run worker), as Kubernetes JSON. */
function runWorkerPod(): KubeObject & { spec: PodSpec } {
  const instance = dagster.find((object) => object.kind === 'ConfigMap' && object.metadata.name.endsWith('dagster-instance') && object.metadata.namespace === jobsNamespace)!;
  const config = (parse((instance['data'] as Record<string, string>)['dagster.yaml']!) as { run_launcher: { config: LauncherConfig } }).run_launcher.config;
  const containerConfig = camelKeys(config.run_k8s_config.container_config) as Record<string, unknown>;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'dagster-run-dry-run', namespace: jobsNamespace, labels: config.labels },
    spec: {
      ...(camelKeys(config.run_k8s_config.pod_spec_config) as Record<string, unknown>),
      serviceAccountName: config.service_account_name,
      restartPolicy: 'Never',
      volumes: camelKeys(config.volumes),
      containers: [{
        name: 'dagster',
        image: config.job_image,
        args: ['dagster', 'api', 'execute_run', '{}'],
        ...containerConfig,
        envFrom: config.env_config_maps.map((name) => ({ configMapRef: { name } })),
        resources: config.resources,
        securityContext: camelKeys(config.security_context),
        volumeMounts: camelKeys(config.volume_mounts),
      }],
    },
  };
}

/** A workload's pod template as its Pod (see podsOf), typed for field comparisons. */
const podOf = (object: KubeObject) => podsOf([object])[0] as KubeObject & { spec: PodSpec };

let client: KubeClient;
let resources: ResourceClient;
let removePrerequisites: () => Promise<void>;
beforeAll(async () => {
  client = await KubeClient.connect({ kubeconfig: inject('floeKubeconfig') });
  resources = new ResourceClient(client);
  removePrerequisites = await createPrerequisites(resources, rendered.objects);
});
afterAll(async () => {
  await removePrerequisites();
  client.close();
});

const rejections = (objects: readonly KubeObject[]) => dryRunRejections(resources, objects);

describe('the Dagster code location and run pods on a real API server under Pod Security restricted', () => {
  it('accepts the code location Deployment, its pod, Service, RoleBinding and compiled-pipeline ConfigMaps', async () => {
    const codeLocation = dagster.find((object) => object.kind === 'Deployment' && object.metadata.name.endsWith('dagster-code-location'))!;
    const compiled = dagster.filter((object) => object.kind === 'ConfigMap' && /-(pipelines|platform-spec)$/.test(object.metadata.name));
    expect(compiled).toHaveLength(4);
    const others = dagster.filter((object) => ['Service', 'RoleBinding'].includes(object.kind) && object.metadata.name.includes('dagster-'));
    expect(await rejections([...compiled, ...others, codeLocation, podOf(codeLocation)])).toEqual([]);
  });

  it('accepts the run worker pod built from the run launcher config', async () => {
    expect(await rejections([runWorkerPod()])).toEqual([]);
  });

  it('gives the run worker pod the shared pipeline pod template, except image, account, token and the compiled-pipeline mounts', () => {
    const pipeline = pipelines[0]!;
    const stepPod = podOf(renderPipelineJob({ platform, pipeline, step: pipeline.spec.steps[0]!, runId: 'dry-run', attempt: 1 }));
    const runPod = runWorkerPod();
    const [step] = stepPod.spec.containers;
    const [run] = runPod.spec.containers;
    for (const field of ['securityContext', 'enableServiceLinks', 'terminationGracePeriodSeconds'] as const) expect(runPod.spec[field], field).toEqual(stepPod.spec[field]);
    for (const field of ['securityContext', 'envFrom', 'terminationMessagePolicy'] as const) expect(run![field], field).toEqual(step![field]);
    expect(run!['resources']).toEqual(platform.spec.jobs.resources);
    const names = (list: unknown) => (list as { name: string }[]).map((item) => item.name);
    expect(names(runPod.spec['volumes'])).toEqual([...names(stepPod.spec['volumes']), 'dagster-home', 'pipelines', 'platform-spec']);
    const stepEnv = new Set(names(step!['env']));
    // Downward API and credentials are inherited exactly.
    for (const entry of run!['env'] as { name: string }[]) if (stepEnv.has(entry.name) && entry.name.startsWith('K8S_')) expect((step!['env'] as { name: string }[]).find((candidate) => candidate.name === entry.name)).toEqual(entry);
    expect(runPod.spec['automountServiceAccountToken']).toBe(true);
    expect(stepPod.spec['automountServiceAccountToken']).toBe(false);
    expect(runPod.spec['serviceAccountName']).not.toBe(stepPod.spec['serviceAccountName']);
  });
});

import { parsePipelineSpec, SpecValidationError } from '@floe/spec';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { examplePipeline, examplePlatform } from '../../test/fixtures.js';
import type { KubeObject } from '../kube/kube-object.js';
import { pipelinePodDefaults } from '../pipeline-pod/pipeline-pod-defaults.js';
import { renderPlatform } from '../render/render-platform.js';
import { compiledPipelineConfigMaps } from './compiled-pipeline-config-maps.js';
import { compilePipelines } from './compile-pipelines.js';

const platform = examplePlatform();
const pipelines = [examplePipeline('orders'), examplePipeline('nightly-marts')];
const rendered = renderPlatform(platform, { pipelines });
const find = (kind: string, name: string, namespace = 'floe-platform') =>
  rendered.objects.find((object) => object.kind === kind && object.metadata.name === name && object.metadata.namespace === namespace)!;
type PodSpec = { serviceAccountName: string; automountServiceAccountToken: boolean; containers: { command: string[]; env: { name: string; value?: string }[]; volumeMounts: { name: string; mountPath: string }[]; startupProbe: unknown; securityContext: unknown }[]; securityContext: unknown; volumes: { name: string; configMap?: { name: string } }[] };
const templateOf = (object: KubeObject) => (object['spec'] as { template: { metadata: { annotations: Record<string, string> }; spec: PodSpec } }).template;

describe('compilePipelines', () => {
  it('compiles each pipeline to <name>.json with its defaults, sorted by name, and the JSON loads as the same Pipeline', () => {
    const compiled = compilePipelines(pipelines);
    expect(compiled.map((pipeline) => pipeline.fileName)).toEqual(['nightly-marts.json', 'orders.json']);
    for (const pipeline of compiled) {
      const original = pipelines.find((candidate) => candidate.metadata.name === pipeline.name);
      expect(parsePipelineSpec(pipeline.json, { file: pipeline.fileName })).toEqual(original);
    }
    expect(JSON.parse(compiled[0]!.json)).toMatchObject({ spec: { retry: { maxAttempts: 1, backoff: { jitter: true } }, triggers: [{ type: 'pipeline-succeeded', pipeline: 'orders' }] } });
  });

  it('gives the same bytes for the same pipelines in any order', () => {
    expect(compilePipelines([...pipelines].reverse())).toEqual(compilePipelines(pipelines));
  });

  it('refuses two pipelines of one name, and a pipeline of another platform', () => {
    expect(() => compilePipelines([pipelines[0]!, pipelines[0]!])).toThrow(/two pipelines are named "orders"/);
    const other = { ...pipelines[0]!, spec: { ...pipelines[0]!.spec, platform: 'other' } };
    expect(() => compiledPipelineConfigMaps(platform, [other])).toThrow(/runs on platform "other"/);
  });

  it('leaves a pipeline without schedule without one (the code location then defines no schedule)', () => {
    const unscheduled = parsePipelineSpec('apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata: { name: adhoc, owner: me }\nspec:\n  platform: acme-data\n  steps:\n    - { name: a, type: dbt, command: run }\n');
    expect((JSON.parse(compilePipelines([unscheduled])[0]!.json) as { spec: object }).spec).not.toHaveProperty('schedule');
  });
});

describe('a schedule with an invalid time zone', () => {
  it('is rejected by the spec loader, so it never reaches Dagster', () => {
    const text = 'apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata: { name: p, owner: me }\nspec:\n  platform: acme-data\n  schedule: { cron: "0 2 * * *", timezone: Mars/Olympus_Mons }\n  steps:\n    - { name: a, type: dbt, command: run }\n';
    expect(() => parsePipelineSpec(text, { file: 'p.yaml' })).toThrow(SpecValidationError);
    try {
      parsePipelineSpec(text, { file: 'p.yaml' });
    } catch (error) {
      expect((error as SpecValidationError).issues.map((issue) => [issue.path, issue.rule])).toEqual([['spec.schedule.timezone', 'invalid-timezone']]);
    }
  });
});

describe('the Dagster code location', () => {
  it('puts the compiled pipelines and platform in both namespaces, one <name>.json key per pipeline', () => {
    for (const namespace of ['floe-platform', 'floe-jobs']) {
      expect(Object.keys(find('ConfigMap', 'acme-data-pipelines', namespace)['data'] as object)).toEqual(['nightly-marts.json', 'orders.json']);
      expect(Object.keys(find('ConfigMap', 'acme-data-platform-spec', namespace)['data'] as object)).toEqual(['platform.json']);
    }
  });

  it('points workspace.yaml at the code location Service on the gRPC port', () => {
    const workspace = parse((find('ConfigMap', 'acme-data-dagster-workspace')['data'] as Record<string, string>)['workspace.yaml']!) as unknown;
    expect(workspace).toEqual({ load_from: [{ grpc_server: { host: 'acme-data-dagster-code-location.floe-platform.svc', port: 3030, location_name: 'floe-pipelines' } }] });
    expect(find('Service', 'acme-data-dagster-code-location')['spec']).toMatchObject({ ports: [{ name: 'grpc', port: 3030, targetPort: 'grpc' }] });
    // A rollout's two pods: each client keeps to one, so a reload never mixes the old definitions with the new server id.
    expect(find('Service', 'acme-data-dagster-code-location')['spec']).toMatchObject({ sessionAffinity: 'ClientIP' });
  });

  it('serves the definitions module over gRPC, checked by grpc-health-check, with no API access', () => {
    const template = templateOf(find('Deployment', 'acme-data-dagster-code-location'));
    const [server] = template.spec.containers;
    expect(server!.command).toEqual(['dagster', 'api', 'grpc', '--module-name', 'dagster_floe.definitions', '-h', '0.0.0.0', '-p', '3030']);
    expect(server!.startupProbe).toMatchObject({ exec: { command: ['dagster', 'api', 'grpc-health-check', '-p', '3030'] } });
    expect(server!.env).toEqual(expect.arrayContaining([{ name: 'FLOE_PIPELINES_DIR', value: '/etc/floe/pipelines' }, { name: 'FLOE_PLATFORM_FILE', value: '/etc/floe/platform/platform.json' }, { name: 'DAGSTER_CURRENT_IMAGE', value: 'ghcr.io/floe-dev/floe-dagster:0.1.0' }]));
    expect(template.spec.automountServiceAccountToken).toBe(false);
    expect(template.spec.volumes.map((volume) => volume.configMap?.name).filter(Boolean)).toEqual(['acme-data-dagster-instance', 'acme-data-pipelines', 'acme-data-platform-spec']);
  });

  it('renders no compiled ConfigMaps without pipelines; the code location then starts with an empty pipelines directory', () => {
    const bare = renderPlatform(platform).objects;
    expect(bare.filter((object) => object.metadata.name === 'acme-data-pipelines' || object.metadata.name === 'acme-data-platform-spec')).toEqual([]);
    const volumes = templateOf(bare.find((object) => object.kind === 'Deployment' && object.metadata.name === 'acme-data-dagster-code-location')!).spec.volumes;
    expect(volumes.filter((volume) => volume.name === 'pipelines')).toEqual([{ name: 'pipelines', configMap: { name: 'acme-data-pipelines', optional: true } }]);
  });

  it('restarts when a pipeline changes: the compiled pipelines are in its config checksum', () => {
    const checksum = (objects: readonly KubeObject[]) => templateOf(objects.find((object) => object.metadata.name === 'acme-data-dagster-code-location' && object.kind === 'Deployment')!).metadata.annotations['floe.dev/config-checksum'];
    const withOne = renderPlatform(platform, { pipelines: [pipelines[0]!] }).objects;
    expect(checksum(withOne)).not.toBe(checksum(rendered.objects));
    expect(checksum(renderPlatform(platform, { pipelines: [...pipelines].reverse() }).objects)).toBe(checksum(rendered.objects));
  });

  it('binds the run pods\' ServiceAccount to the job runner Role in the jobs namespace only', () => {
    const binding = find('RoleBinding', 'acme-data-dagster-run', 'floe-jobs');
    expect(binding['roleRef']).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'acme-data-job-runner' });
    expect(binding['subjects']).toEqual([{ kind: 'ServiceAccount', name: 'acme-data-dagster-run', namespace: 'floe-jobs' }]);
    expect(rendered.objects.filter((object) => object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding')).toEqual([]);
  });
});

describe('the run launcher with the code location', () => {
  const instance = parse((find('ConfigMap', 'acme-data-dagster-instance', 'floe-jobs')['data'] as Record<string, string>)['dagster.yaml']!) as { run_launcher: { config: Record<string, unknown> & { run_k8s_config: { pod_spec_config: Record<string, unknown>; container_config: { env: { name: string }[] } } } } };
  const config = instance.run_launcher.config;
  const pod = pipelinePodDefaults(platform);

  it('keeps the shared pipeline pod template: namespace, resources, security, platform config, deadlines', () => {
    expect(config['job_namespace']).toBe(pod.namespace);
    expect(config['resources']).toEqual(pod.resources);
    expect(config['env_config_maps']).toEqual(['floe-platform-config']);
    expect(config['security_context']).toMatchObject({ run_as_non_root: true, read_only_root_filesystem: true, allow_privilege_escalation: false });
    expect(pod.podSecurityContext).toMatchObject({ runAsUser: 10001, fsGroup: 10001 });
    expect(config.run_k8s_config.pod_spec_config['security_context']).toEqual({ run_as_user: 10001, run_as_group: 10001, fs_group: 10001, fs_group_change_policy: 'OnRootMismatch', run_as_non_root: true, seccomp_profile: { type: 'RuntimeDefault' } });
  });

  it('labels run workers as Dagster run workers of this platform, not as pipeline steps (their NetworkPolicies differ)', () => {
    expect(config['labels']).toMatchObject({
      'app.kubernetes.io/name': 'dagster',
      'app.kubernetes.io/component': 'run-worker',
      'app.kubernetes.io/instance': 'acme-data',
      'app.kubernetes.io/part-of': 'floe',
      'floe.dev/layer': 'pipeline',
    });
    expect(config['labels']).not.toEqual(pod.labels);
  });

  it('runs the code location image under the run ServiceAccount, with a token and the compiled pipelines mounted', () => {
    expect(config['job_image']).toBe('ghcr.io/floe-dev/floe-dagster:0.1.0');
    expect(config['service_account_name']).toBe('acme-data-dagster-run');
    expect(config.run_k8s_config.pod_spec_config['automount_service_account_token']).toBe(true);
    expect(config['volume_mounts']).toEqual(expect.arrayContaining([{ name: 'pipelines', mount_path: '/etc/floe/pipelines', read_only: true }]));
    expect(config.run_k8s_config.container_config.env.map((entry) => entry.name)).toEqual(expect.arrayContaining(['FLOE_PIPELINES_DIR', 'FLOE_PLATFORM_FILE', 'DAGSTER_PG_PASSWORD']));
  });
});

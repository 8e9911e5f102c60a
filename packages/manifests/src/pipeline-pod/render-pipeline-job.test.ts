import { describe, expect, it } from 'vitest';
import { examplePipeline, examplePlatform, podTemplates } from '../../test/fixtures.js';
import { platformConfigMap } from '../platform-config/platform-config-map.js';
import { renderPipelineJob } from './render-pipeline-job.js';
import { configErrorExitCodes, credentialEnv, platformConfigKeys, runtimeEnv, runtimeMounts, type StepInvocation } from './runtime-contract.js';

const platform = examplePlatform();
const orders = examplePipeline('orders');
const [ingest, build] = orders.spec.steps;
const job = renderPipelineJob({ platform, pipeline: orders, step: build!, runId: 'manual__2026-09-01T02:00:00+00:00', attempt: 2, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
const [pod] = podTemplates([job]);
const container = pod!.spec.containers[0]!;
const env = new Map((container.env ?? []).map((entry) => [entry.name, entry]));
const spec = job['spec'] as Record<string, unknown>;

describe('renderPipelineJob', () => {
  it('runs floe-job once, in the jobs namespace, never retried by the Job itself', () => {
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { namespace: 'floe-jobs' } });
    expect(container['command']).toEqual(['floe-job']);
    expect(spec['backoffLimit']).toBe(0);
    expect(pod!.spec['restartPolicy']).toBe('Never');
    expect(spec['ttlSecondsAfterFinished']).toBe(86400);
    expect(spec['activeDeadlineSeconds']).toBe(3600);
  });

  it('fails the Job at once on configuration errors and ignores disruptions', () => {
    expect(spec['podFailurePolicy']).toEqual({
      rules: [
        { action: 'FailJob', onExitCodes: { containerName: 'floe-job', operator: 'In', values: [...configErrorExitCodes] } },
        { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      ],
    });
  });

  it('passes the step as StepInvocation JSON and the run coordinates as env', () => {
    const invocation = JSON.parse(env.get(runtimeEnv.step)!.value!) as StepInvocation;
    expect(invocation).toEqual({ pipeline: 'orders', platform: 'acme-data', dbt: orders.spec.dbt, step: build });
    expect(env.get(runtimeEnv.runId)?.value).toBe('manual__2026-09-01T02:00:00+00:00');
    expect(env.get(runtimeEnv.attempt)?.value).toBe('2');
    expect(env.get(runtimeEnv.stepName)?.value).toBe('build-models');
    expect(env.get(runtimeEnv.traceparent)?.value).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('inherits the platform ConfigMap by envFrom, whose keys carry every endpoint and no secret', () => {
    expect(container['envFrom']).toEqual([{ configMapRef: { name: 'floe-platform-config' } }]);
    const data = platformConfigMap(platform)['data'] as Record<string, string>;
    expect(data).toMatchObject({
      [platformConfigKeys.catalogUri]: 'http://acme-data-polaris.floe-platform.svc:8181/api/catalog',
      [platformConfigKeys.storageEndpoint]: 'http://acme-data-minio.floe-platform.svc:9000',
      [platformConfigKeys.storageBucket]: 'lakehouse',
      [platformConfigKeys.otlpEndpoint]: 'http://acme-data-otel-collector.floe-platform.svc:4318',
      [platformConfigKeys.orchestratorUrl]: 'http://acme-data-dagster-webserver.floe-platform.svc:3000',
      [platformConfigKeys.environment]: 'dev',
    });
    expect(JSON.stringify(data)).not.toMatch(/password|secret-access|client-secret/i);
  });

  it('maps credentials from Secrets by secretKeyRef, never by value, the catalog\'s from the steps\' own Polaris principal (not the root)', () => {
    expect(env.get(credentialEnv.storageAccessKeyId)).toEqual({ name: credentialEnv.storageAccessKeyId, valueFrom: { secretKeyRef: { name: 'acme-data-minio-credentials', key: 'AWS_ACCESS_KEY_ID' } } });
    expect(env.get(credentialEnv.catalogClientSecret)).toEqual({ name: credentialEnv.catalogClientSecret, valueFrom: { secretKeyRef: { name: 'acme-data-polaris-steps', key: 'client-secret' } } });
  });

  it('sets OTel service name and resource attributes from the downward API', () => {
    expect(env.get(runtimeEnv.otelServiceName)?.value).toBe('floe-job.orders');
    const attributes = env.get(runtimeEnv.otelResourceAttributes)!.value!;
    expect(attributes).toContain('k8s.pod.name=$(K8S_POD_NAME)');
    expect(attributes).toContain('k8s.namespace.name=$(K8S_NAMESPACE_NAME)');
    expect(attributes).toContain('floe.run.id=manual__2026-09-01T02%3A00%3A00%2B00%3A00');
    const names = (container.env ?? []).map((entry) => entry.name);
    expect(names.indexOf('K8S_POD_NAME')).toBeLessThan(names.indexOf(runtimeEnv.otelResourceAttributes));
    expect(env.get('K8S_POD_NAME')?.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
  });

  it('runs restricted as uid 10001 with writable emptyDirs only at the runtime mounts', () => {
    expect(pod!.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.volumeMounts?.map((mount) => mount.mountPath)).toEqual([runtimeMounts.tmp, runtimeMounts.work]);
    expect(pod!.spec.serviceAccountName).toBe('floe-job');
    expect(pod!.spec.automountServiceAccountToken).toBe(false);
    expect(container['terminationMessagePolicy']).toBe('FallbackToLogsOnError');
  });

  it('labels the Job and pod with valid label values and keeps the exact run id in an annotation', () => {
    for (const labels of [job.metadata.labels!, pod!.labels]) {
      expect(labels).toMatchObject({ 'floe.dev/pipeline': 'orders', 'floe.dev/step': 'build-models', 'floe.dev/attempt': '2', 'floe.dev/layer': 'pipeline' });
      expect(labels['floe.dev/run-id']).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/);
    }
    expect(job.metadata.annotations?.['floe.dev/run-id']).toBe('manual__2026-09-01T02:00:00+00:00');
  });

  it('takes resources per field from step, then pipeline defaults, then platform jobs defaults', () => {
    expect(container.resources).toEqual({ requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    const ingestJob = renderPipelineJob({ platform, pipeline: orders, step: ingest!, runId: 'r', attempt: 1 });
    expect(podTemplates([ingestJob])[0]!.spec.containers[0]!.resources).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    const partial = { ...ingest!, resources: { limits: { memory: '8Gi' } } };
    expect(podTemplates([renderPipelineJob({ platform, pipeline: orders, step: partial, runId: 'r', attempt: 1 })])[0]!.spec.containers[0]!.resources)
      .toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2', memory: '8Gi' } });
  });

  it('takes image and timeout from step, then pipeline defaults, then platform', () => {
    const pipeline = { ...orders, spec: { ...orders.spec, defaults: { image: 'ghcr.io/acme/runtime:2', timeoutSeconds: 900 } } };
    const fromDefaults = renderPipelineJob({ platform, pipeline, step: ingest!, runId: 'r', attempt: 1 });
    expect(podTemplates([fromDefaults])[0]!.spec.containers[0]!['image']).toBe('ghcr.io/acme/runtime:2');
    expect((fromDefaults['spec'] as { activeDeadlineSeconds: number }).activeDeadlineSeconds).toBe(900);
    const fromStep = renderPipelineJob({ platform, pipeline, step: { ...ingest!, image: 'ghcr.io/acme/dlt:1', timeoutSeconds: 120 }, runId: 'r', attempt: 1 });
    expect(podTemplates([fromStep])[0]!.spec.containers[0]!['image']).toBe('ghcr.io/acme/dlt:1');
    expect((fromStep['spec'] as { activeDeadlineSeconds: number }).activeDeadlineSeconds).toBe(120);
    expect(podTemplates([job])[0]!.spec.containers[0]!['image']).toBe('ghcr.io/floe-dev/floe-job:0.1.0');
  });

  it('adds the step\'s own env after floe\'s, plain or by secretKeyRef', () => {
    const step = { ...ingest!, env: [{ name: 'SOURCE_TOKEN', secretKeyRef: { name: 'orders-source', key: 'token' } }, { name: 'MODE', value: 'full' }] };
    const withEnv = podTemplates([renderPipelineJob({ platform, pipeline: orders, step, runId: 'r', attempt: 1 })])[0]!.spec.containers[0]!.env!;
    expect(withEnv.slice(-2)).toEqual([{ name: 'SOURCE_TOKEN', valueFrom: { secretKeyRef: { name: 'orders-source', key: 'token' } } }, { name: 'MODE', value: 'full' }]);
  });

  it('uses the given job name, else the deterministic one', () => {
    expect(job.metadata.name).toMatch(/^orders-build-models-manual-2026-09-01t02-[0-9a-f]{6}-a2$/);
    expect(renderPipelineJob({ platform, pipeline: orders, step: build!, runId: 'r', attempt: 1, jobName: 'custom' }).metadata.name).toBe('custom');
  });
});

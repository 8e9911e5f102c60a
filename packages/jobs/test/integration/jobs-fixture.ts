import { renderPlatform } from '@floe/manifests';
import { createTestNamespace, type TestNamespace } from '@floe/local-cluster/testing';
import { parsePipelineSpec, parsePlatformSpec, type Pipeline, type Platform, type Step } from '@floe/spec';
import { buildAttemptJob, JobRunner, podReferences, type JobRunnerOptions } from '../../src/index.js';

/** Short bounds so failure tests finish in seconds. */
export const testBounds = { unschedulableMs: 2000, imagePullMs: 1000, containerConfigMs: 0, settleMs: 3000, podCreateMs: 30_000 };

/** Labels/annotations of the kwok failure stage (see packages/local-cluster/stages/pod-fail.yaml). */
export function failPod(exitCode: number, options: { message?: string; reason?: string; delay?: string } = {}) {
  return {
    podLabels: { 'pod-fail.stage.kwok.x-k8s.io': 'true' },
    podAnnotations: {
      'pod-fail.stage.kwok.x-k8s.io/exit-code': String(exitCode),
      'pod-fail.stage.kwok.x-k8s.io/delay': options.delay ?? '300ms',
      ...(options.message ? { 'pod-fail.stage.kwok.x-k8s.io/message': options.message } : {}),
      ...(options.reason ? { 'pod-fail.stage.kwok.x-k8s.io/reason': options.reason } : {}),
    },
  };
}

/** Labels/annotations of the kwok waiting stage (pod-waiting.yaml). */
export function waitingPod(reason: string, message = `${reason} (kwok)`) {
  return {
    podLabels: { 'pod-waiting.stage.kwok.x-k8s.io': 'true' },
    podAnnotations: { 'pod-waiting.stage.kwok.x-k8s.io/reason': reason, 'pod-waiting.stage.kwok.x-k8s.io/message': message },
  };
}

export function testPipeline(yamlSteps: string, retry = ''): Pipeline {
  return parsePipelineSpec(`apiVersion: floe.dev/v1
kind: Pipeline
metadata: { name: orders, owner: data-team@acme.example }
spec:
  platform: acme
${retry}
  steps:
${yamlSteps}
`);
}

export interface JobsNamespace {
  readonly ns: TestNamespace;
  readonly platform: Platform;
  readonly runner: JobRunner;
  step(pipeline: Pipeline, name: string): { platform: Platform; pipeline: Pipeline; step: Step };
  dispose(): Promise<void>;
}

/**
 * A fresh namespace set up as a platform's jobs namespace: the platform's
 * objects that live there (ServiceAccount, RBAC, floe-platform-config, ...)
 * and the credential Secrets the pod template references, with dummy values.
 */
export async function jobsNamespace(kubeconfig: string, options: JobRunnerOptions & { prefix?: string; platformJobs?: string } = {}): Promise<JobsNamespace> {
  const ns = await createTestNamespace(kubeconfig, { prefix: options.prefix ?? 'jobs', podSecurity: 'restricted' });
  const platform = parsePlatformSpec(`apiVersion: floe.dev/v1
kind: Platform
metadata: { name: acme }
spec:
  namespaces: { jobs: ${ns.name} }
  # Jobs without a lakehouse: a step's warehouse is a DuckDB file in its pod (with a catalog on, floe-job
  # would first check the catalog's services, which these namespaces do not run).
  catalog: { enabled: false }
  semantic: { enabled: false }
${options.platformJobs ? `  jobs: ${options.platformJobs}\n` : ''}`);
  for (const object of renderPlatform(platform).objects) {
    if (object.metadata.namespace === ns.name && object.kind !== 'Namespace') await ns.resources.apply(object);
  }
  const probe = buildAttemptJob({ platform, pipeline: testPipeline('    - { name: probe, type: dbt, command: run }'), step: testPipeline('    - { name: probe, type: dbt, command: run }').spec.steps[0]! }, { runId: 'probe', attempt: 1 });
  const secrets = new Map<string, Record<string, string>>();
  for (const reference of podReferences(probe)) {
    if (reference.kind !== 'Secret') continue;
    secrets.set(reference.name, { ...secrets.get(reference.name), ...(reference.key ? { [reference.key]: Buffer.from('dummy').toString('base64') } : {}) });
  }
  for (const [name, data] of secrets) await ns.resources.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns.name }, data });
  const runner = new JobRunner(ns.client, { ...options, bounds: { ...testBounds, ...options.bounds } });
  return {
    ns,
    platform,
    runner,
    step: (pipeline, name) => ({ platform, pipeline, step: pipeline.spec.steps.find((step) => step.name === name)! }),
    async dispose() {
      await runner.close();
      await ns.dispose();
    },
  };
}

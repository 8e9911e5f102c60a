import { globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KubeClient, ResourceClient } from '@floe/kube';
import { eventually, pauseClusterProcess } from '@floe/local-cluster/testing';
import { runFloe } from '../../src/program.js';
import { captureOutput } from '../capture-output.js';
import { DagsterGraphql, finishedRunStatuses, type DagsterEvent, type DagsterRun } from './dagster-graphql.js';
import { localOrdersFile, localPlatform, localPlatformFile } from './local-platform.js';

import type {} from './provided-context.js';

// Real node: the whole chain runs in the cluster on floe-node — dagster-daemon (its scheduler, sensors,
// run queue and run monitoring) -> K8sRunLauncher -> a run worker Job of the floe-dagster image -> each
// op runs `floe job run`, which starts the step as a Job of the step image. Nothing runs in-process here:
// the test only talks to Dagster's webserver (GraphQL, as the UI does) and reads the cluster.
const platform = localPlatform();
const kubeconfig = inject('floeKubeconfig');
const platformNamespaceName = platform.spec.namespaces.platform;
const jobsNamespace = platform.spec.namespaces.jobs;
const testPipelines = globSync(fileURLToPath(new URL('./pipelines/*.yaml', import.meta.url))).sort();

let client: KubeClient;
let resources: ResourceClient;
let dagster: DagsterGraphql;

interface JobView {
  metadata: { name: string; labels?: Record<string, string>; creationTimestamp?: string; ownerReferences?: { kind: string; name: string; uid: string }[] };
  spec: { template: { spec: { containers: { image: string; env?: { name: string; value?: string }[]; envFrom?: { configMapRef?: { name: string } }[] }[] } } };
  status?: { completionTime?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[] };
}

async function deployWith(pipelines: readonly string[]): Promise<void> {
  const output = captureOutput();
  const code = await runFloe(['platform', 'deploy', '-f', localPlatformFile, ...pipelines.flatMap((file) => ['-p', file]), '--kubeconfig', kubeconfig, '--timeout', '600'], output);
  expect(code, output.stdout() + output.stderr()).toBe(0);
}

async function jobsOfRun(runId: string): Promise<JobView[]> {
  return (await resources.list('batch/v1', 'Job', { namespace: jobsNamespace, labelSelector: `floe.dev/run-id=${runId}` })).items as unknown as JobView[];
}

async function podsOfRun(runId: string): Promise<{ metadata: { name: string }; status?: { phase?: string } }[]> {
  const steps = (await resources.list('v1', 'Pod', { namespace: jobsNamespace, labelSelector: `floe.dev/run-id=${runId}` })).items;
  const worker = (await resources.list('v1', 'Pod', { namespace: jobsNamespace, labelSelector: `job-name=dagster-run-${runId}` })).items;
  return [...steps, ...worker];
}

async function finished(runId: string, timeoutMs = 300_000): Promise<DagsterRun> {
  return eventually(() => dagster.run(runId), (run) => finishedRunStatuses.includes(run.status), { timeoutMs, intervalMs: 2000, what: `Dagster run ${runId} to finish` });
}

function metadataOf(event: DagsterEvent): Record<string, unknown> {
  return Object.fromEntries((event.metadataEntries ?? []).map((entry) => [entry.label, entry.text ?? entry.intValue ?? entry.boolValue ?? (entry.jsonString ? JSON.parse(entry.jsonString) as unknown : undefined)]));
}

function describeRun(run: DagsterRun): string {
  return `${run.jobName} ${run.status}:\n${run.events.map((event) => `  ${event.__typename} ${event.message ?? ''}`).join('\n')}`;
}

/** The step pod of a run once it runs (so a cancel or a lost worker hits a step in flight). */
async function runningStepPod(runId: string): Promise<void> {
  await eventually(() => resources.list('v1', 'Pod', { namespace: jobsNamespace, labelSelector: `floe.dev/run-id=${runId}` }), (list) => list.items.some((pod) => (pod as { status?: { phase?: string } }).status?.phase === 'Running'), { timeoutMs: 180_000, intervalMs: 1000, what: `a running step pod of run ${runId}` });
}

beforeAll(async () => {
  expect(inject('floeNodeKind')).toBe('real');
  expect(inject('floePlatformDeploy').exitCode).toBe(0);
  client = await KubeClient.connect({ kubeconfig });
  resources = new ResourceClient(client);
  // The test pipelines join the code location (a new compiled-pipelines ConfigMap rolls it).
  await deployWith([localOrdersFile, ...testPipelines]);
  dagster = await DagsterGraphql.of(resources, platformNamespaceName);
  await eventually(() => dagster.definitions().catch(() => ({ jobs: [] as string[], schedules: [] as string[], sensors: [] as string[] })), (loaded) => loaded.jobs.includes('long_query') && loaded.jobs.includes('slow_check') && loaded.sensors.length > 0, { timeoutMs: 180_000, intervalMs: 2000, what: 'the webserver to load the test pipelines from the code location' });
});

afterAll(async () => {
  // Back to the suite's platform (the every-minute schedule goes with its pipeline), and only done once the
  // webserver serves the code location again: it rolls with its pipelines, and the files after this one ask Dagster.
  await deployWith([localOrdersFile]);
  await eventually(() => dagster.definitions().catch(() => ({ jobs: [] as string[], schedules: [] as string[], sensors: [] as string[] })), (loaded) => loaded.jobs.includes('orders') && !loaded.jobs.includes('long_query'), { timeoutMs: 180_000, intervalMs: 2000, what: 'the webserver to serve the restored code location' });
  client.close();
});

describe('Dagster starts pipeline Jobs from inside the cluster', () => {
  it('a run launched in Dagster (GraphQL, as the UI does) runs as a run worker Job whose ops start one step Job each, with the platform config and the run\'s trace id', async () => {
    const runId = await dagster.launchRun('orders');
    const run = await finished(runId);
    expect(run.status, describeRun(run)).toBe('SUCCESS');

    const worker = (await resources.get({ apiVersion: 'batch/v1', kind: 'Job', name: `dagster-run-${runId}`, namespace: jobsNamespace })) as unknown as JobView | undefined;
    expect(worker?.spec.template.spec.containers[0]?.image).toBe(platform.spec.orchestrator.codeLocation.image);
    const steps = (await jobsOfRun(runId)).filter((job) => job.metadata.labels?.['floe.dev/step']);
    expect(steps.map((job) => job.metadata.labels?.['floe.dev/step']).sort()).toEqual(['build-models', 'check-marts', 'ingest-orders']);
    const traceIds = new Set<string>();
    for (const job of steps) {
      expect(job.status?.conditions?.some((condition) => condition.type === 'Complete' && condition.status === 'True'), job.metadata.name).toBe(true);
      const container = job.spec.template.spec.containers[0]!;
      expect(container.envFrom?.map((source) => source.configMapRef?.name)).toContain('floe-platform-config');
      const traceparent = container.env?.find((env) => env.name === 'TRACEPARENT')?.value ?? '';
      expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      traceIds.add(traceparent.split('-')[1]!);
      // Owned by the run worker's pod: Kubernetes removes the step with a lost worker.
      expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Pod' });
      expect(job.metadata.ownerReferences?.[0]?.name.startsWith(`dagster-run-${runId}-`)).toBe(true);
    }
    expect(traceIds.size, 'one trace for the whole run').toBe(1);
    const stepSuccesses = run.events.filter((event) => event.__typename === 'ExecutionStepSuccessEvent').map((event) => event.stepKey).sort();
    expect(stepSuccesses).toEqual(['build_models', 'check_marts', 'ingest_orders']);
  });

  it('the daemon fires a schedule (heartbeat, every minute) and the run succeeds with its step Job', async () => {
    const scheduled = await eventually(
      () => dagster.runsOf('heartbeat'),
      (runs) => runs.some((run) => run.tags['dagster/schedule_name'] === 'heartbeat_schedule' && run.status === 'SUCCESS'),
      { timeoutMs: 240_000, intervalMs: 5000, what: 'a scheduled heartbeat run to succeed' },
    );
    const run = scheduled.find((candidate) => candidate.tags['dagster/schedule_name'] === 'heartbeat_schedule' && candidate.status === 'SUCCESS')!;
    expect(run.tags['floe/trigger']).toBe('schedule');
    const steps = (await jobsOfRun(run.runId)).filter((job) => job.metadata.labels?.['floe.dev/step'] === 'ping');
    expect(steps.length).toBe(1);
  });

  it('a pipeline-succeeded trigger runs the downstream pipeline after the upstream run succeeds, exactly once per upstream run', async () => {
    const upstream = await eventually(() => dagster.runsOf('heartbeat'), (runs) => runs.some((run) => run.status === 'SUCCESS'), { timeoutMs: 240_000, intervalMs: 5000, what: 'a successful heartbeat run' });
    const upstreamRun = upstream.find((run) => run.status === 'SUCCESS')!.runId;
    const downstreamOf = async () => (await dagster.runsOf('after_heartbeat', 50)).filter((run) => run.tags['floe/upstream-run'] === upstreamRun);
    const started = await eventually(downstreamOf, (runs) => runs.length > 0 && runs.every((run) => finishedRunStatuses.includes(run.status)), { timeoutMs: 240_000, intervalMs: 5000, what: `the after_heartbeat run of heartbeat run ${upstreamRun}` });
    expect(started.map((run) => run.status)).toEqual(['SUCCESS']);
    expect(started[0]!.tags['floe/trigger']).toBe('pipeline-succeeded');
    // The sensor keeps ticking (every 30 s); the same upstream run never starts a second downstream run.
    await new Promise((resolve) => setTimeout(resolve, 45_000));
    expect((await downstreamOf()).length).toBe(1);
  });

  it('a retryable failure is retried by Dagster as a new attempt Job after floe\'s backoff, and the run\'s failure carries the class, exit code and termination summary', async () => {
    const runId = await dagster.launchRun('failing_check');
    const run = await finished(runId);
    expect(run.status, describeRun(run)).toBe('FAILURE');
    const attempts = (await jobsOfRun(runId)).sort((a, b) => Number(a.metadata.labels?.['floe.dev/attempt']) - Number(b.metadata.labels?.['floe.dev/attempt']));
    expect(attempts.map((job) => job.metadata.labels?.['floe.dev/attempt'])).toEqual(['1', '2']);
    // floe's backoff (failing-check.yaml: 5 s): the second attempt's Job is created at least 5 s after the first one failed.
    const firstFailed = Date.parse(attempts[0]!.status?.conditions?.find((condition) => condition.type === 'Failed')?.lastTransitionTime ?? '');
    const secondCreated = Date.parse(attempts[1]!.metadata.creationTimestamp ?? '');
    expect(secondCreated - firstFailed).toBeGreaterThanOrEqual(4000);
    expect(run.events.filter((event) => event.__typename === 'ExecutionStepUpForRetryEvent').length).toBe(1);
    const failure = run.events.find((event) => event.__typename === 'ExecutionStepFailureEvent');
    const metadata = metadataOf(failure!);
    expect(metadata).toMatchObject({ failure_class: 'AppError', retryable: true, attempt: 2 });
    expect(typeof metadata['exit_code']).toBe('number');
    expect(metadata['exit_code']).not.toBe(0);
    expect(metadata['termination_summary']).toMatchObject({ outcome: 'failed', step: 'always-fails' });
  });

  it('a ConfigError (a Secret that does not exist) is not retried, although the pipeline allows three attempts', async () => {
    const runId = await dagster.launchRun('missing_secret');
    const run = await finished(runId);
    expect(run.status, describeRun(run)).toBe('FAILURE');
    expect(run.events.filter((event) => event.__typename === 'ExecutionStepUpForRetryEvent')).toEqual([]);
    const metadata = metadataOf(run.events.find((event) => event.__typename === 'ExecutionStepFailureEvent')!);
    expect(metadata).toMatchObject({ failure_class: 'ConfigError', retryable: false, attempt: 1 });
    expect(JSON.stringify(metadata)).toContain('no-such-secret');
  });

  it('an API server that stops answering for 20 s while a step runs is a hiccup for the bridge, not a failure of the op: the run succeeds', { timeout: 420_000 }, async () => {
    const runId = await dagster.launchRun('slow_check');
    await runningStepPod(runId);
    // SIGSTOP, not a kill: connections stay open and go silent, as behind a lost route or an overloaded server.
    await pauseClusterProcess(inject('floeClusterDir'), 'kube-apiserver', 20_000);
    const run = await finished(runId);
    expect(run.status, describeRun(run)).toBe('SUCCESS');
    // Whatever the bridge saw meanwhile was retryable: no step failed for good.
    expect(run.events.filter((event) => event.__typename === 'ExecutionStepFailureEvent')).toEqual([]);
    const attempts = (await jobsOfRun(runId)).filter((job) => job.metadata.labels?.['floe.dev/step'] === 'scan');
    expect(attempts.some((job) => job.status?.conditions?.some((condition) => condition.type === 'Complete' && condition.status === 'True'))).toBe(true);
    console.log(`[orchestrator] API server paused 20 s during run ${runId}: ${attempts.length} attempt Job(s), ${run.events.filter((event) => event.__typename === 'ExecutionStepUpForRetryEvent').length} retry event(s)`);
  });

  it('terminating a run in Dagster (GraphQL terminateRun, as the UI does) stops its step and leaves no pod of the run', async () => {
    const runId = await dagster.launchRun('long_query');
    await runningStepPod(runId);
    expect(await dagster.terminateRun(runId)).toBe('TerminateRunSuccess');
    const run = await finished(runId, 120_000);
    expect(run.status, describeRun(run)).toBe('CANCELED');
    await eventually(() => podsOfRun(runId), (pods) => pods.length === 0, { timeoutMs: 120_000, intervalMs: 2000, what: `no pod of run ${runId}` });
  });

  it('a run worker pod that disappears (deleted at once, as a lost node) ends the run failed through run monitoring, and its step goes with it', async () => {
    const runId = await dagster.launchRun('long_query');
    await runningStepPod(runId);
    const [worker] = (await resources.list('v1', 'Pod', { namespace: jobsNamespace, labelSelector: `job-name=dagster-run-${runId}` })).items;
    // No grace period: the worker gets no chance to report anything; only the daemon's run monitoring can tell.
    await resources.delete({ apiVersion: 'v1', kind: 'Pod', name: worker!.metadata.name, namespace: jobsNamespace }, { gracePeriodSeconds: 0 });
    const run = await finished(runId, 240_000);
    expect(run.status, describeRun(run)).toBe('FAILURE');
    await eventually(() => podsOfRun(runId), (pods) => pods.length === 0, { timeoutMs: 120_000, intervalMs: 2000, what: `no pod of run ${runId}` });
    expect((await jobsOfRun(runId)).length, 'the step Job was removed with its owner').toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { EventObject, JobObject, PodObject } from '../attempt/kube-shapes.js';
import { classifyAttempt, type AttemptObservation } from './classify-attempt.js';
import { defaultWaitBounds } from './wait-bounds.js';

const t0 = Date.parse('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000).toISOString();

function job(status: JobObject['status'] = {}, annotations: Record<string, string> = {}): JobObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'ns', creationTimestamp: at(0), annotations }, spec: { activeDeadlineSeconds: 60 }, status };
}
function pod(status: PodObject['status']): PodObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j-abc', namespace: 'ns', creationTimestamp: at(1) }, status };
}
function observe(partial: Partial<AttemptObservation>, nowSeconds: number): AttemptObservation {
  return { job: undefined, jobDeleted: false, pods: [], jobEvents: [], submittedAt: t0, now: t0 + nowSeconds * 1000, ...partial };
}
const classify = (partial: Partial<AttemptObservation>, nowSeconds = 2) => classifyAttempt(observe(partial, nowSeconds), defaultWaitBounds);
const failedJob = (reason: string) => job({ conditions: [{ type: 'Failed', status: 'True', reason, lastTransitionTime: at(5) }], startTime: at(1) });
const terminated = (exitCode: number, reason = 'Error', message?: string) => pod({ phase: 'Failed', containerStatuses: [{ name: 'floe-job', state: { terminated: { exitCode, reason, ...(message ? { message } : {}), finishedAt: at(5) } } }] });

describe('classifyAttempt', () => {
  it('reports success from the Complete condition with duration', () => {
    const verdict = classify({ job: job({ conditions: [{ type: 'Complete', status: 'True' }], startTime: at(1), completionTime: at(4) }) });
    expect(verdict).toMatchObject({ done: true, outcome: { status: 'Succeeded', durationMs: 3000 } });
  });

  it('reads the exit code and the JSON termination message of a failed pod as AppError', () => {
    const verdict = classify({ job: failedJob('BackoffLimitExceeded'), pods: [terminated(2, 'Error', '{"message":"dbt failed"}')] });
    expect(verdict).toMatchObject({ done: true, outcome: { failure: { class: 'AppError', exitCode: 2, message: 'dbt failed', retryable: true } } });
  });

  it('maps exit 78 to ConfigError, OOMKilled to OOMKilled and 143 to Cancelled', () => {
    expect(classify({ job: failedJob('PodFailurePolicy'), pods: [terminated(78)] })).toMatchObject({ outcome: { failure: { class: 'ConfigError', retryable: false } } });
    expect(classify({ job: failedJob('BackoffLimitExceeded'), pods: [terminated(137, 'OOMKilled')] })).toMatchObject({ outcome: { failure: { class: 'OOMKilled' } } });
    expect(classify({ job: failedJob('BackoffLimitExceeded'), pods: [terminated(143)] })).toMatchObject({ outcome: { failure: { class: 'Cancelled' } } });
  });

  it('reports DeadlineExceeded from the Job condition', () => {
    expect(classify({ job: failedJob('DeadlineExceeded') })).toMatchObject({ done: true, outcome: { failure: { class: 'DeadlineExceeded', retryable: true } } });
  });

  it('reports an evicted pod as Evicted', () => {
    const evicted = pod({ phase: 'Failed', reason: 'Evicted', message: 'node low on memory' });
    expect(classify({ job: failedJob('BackoffLimitExceeded'), pods: [evicted] })).toMatchObject({ outcome: { failure: { class: 'Evicted', retryable: true } } });
  });

  it('waits for the failed pod, then calls it Lost when the pod vanished', () => {
    expect(classify({ job: failedJob('BackoffLimitExceeded') }, 6)).toMatchObject({ done: false });
    expect(classify({ job: failedJob('BackoffLimitExceeded') }, 60)).toMatchObject({ done: true, outcome: { failure: { class: 'Lost', reason: 'PodVanished' } } });
  });

  it('bounds a Job that never appears and calls a deleted Job Lost (or Cancelled when floe cancelled it)', () => {
    expect(classify({}, 10)).toMatchObject({ done: false, waitingFor: 'the Job to appear' });
    expect(classify({}, 61)).toMatchObject({ done: true, outcome: { failure: { class: 'Lost', reason: 'JobNotFound' } } });
    expect(classify({ job: job({}), jobDeleted: true })).toMatchObject({ outcome: { failure: { class: 'Lost', reason: 'JobDeleted' } } });
    expect(classify({ job: job({}, { 'floe.dev/cancelled-at': at(3) }), jobDeleted: true })).toMatchObject({ outcome: { failure: { class: 'Cancelled' } } });
  });

  it('takes a refusing FailedCreate as ConfigError at once, a transient one only after the pod-creation bound', () => {
    const event = (message: string): EventObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name: `e-${message.length}` }, reason: 'FailedCreate', message, involvedObject: { kind: 'Job', name: 'j' } });
    const refused = classify({ job: job({}), jobEvents: [event('pods "j-x" is forbidden: error looking up service account ns/floe-job: serviceaccount "floe-job" not found')] });
    expect(refused).toMatchObject({ done: true, stopJob: true, outcome: { failure: { class: 'ConfigError', reason: 'FailedCreate' } } });
    const transient = [event('Post "https://127.0.0.1/api": dial tcp: connection refused')];
    const started = job({ startTime: at(1) });
    expect(classify({ job: started, jobEvents: transient })).toMatchObject({ done: false });
    expect(classify({ job: started, jobEvents: transient }, 200)).toMatchObject({ done: true, outcome: { failure: { class: 'Lost', reason: 'FailedCreate' } } });
  });

  it('waits longer for a Job the controller has not started yet (a backlog) than for a missing pod', () => {
    expect(classify({ job: job({}) }, 200)).toMatchObject({ done: false, waitingFor: 'the Job controller to start the Job' });
    expect(classify({ job: job({}) }, 601)).toMatchObject({ done: true, outcome: { failure: { class: 'Lost', reason: 'NoPod' } } });
  });

  it('bounds every Pending state: config error, image pull, unschedulable, unknown', () => {
    const waiting = (reason: string) => pod({ phase: 'Pending', containerStatuses: [{ name: 'floe-job', state: { waiting: { reason, message: reason } } }] });
    expect(classify({ job: job({}), pods: [waiting('CreateContainerConfigError')] }, 30)).toMatchObject({ outcome: { failure: { class: 'ConfigError' } } });
    expect(classify({ job: job({}), pods: [waiting('ImagePullBackOff')] }, 30)).toMatchObject({ done: false });
    expect(classify({ job: job({}), pods: [waiting('ImagePullBackOff')] }, 200)).toMatchObject({ outcome: { failure: { class: 'ImagePull' } } });
    const unschedulable = pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/2 nodes: Insufficient cpu', lastTransitionTime: at(1) }] });
    expect(classify({ job: job({}), pods: [unschedulable] }, 100)).toMatchObject({ done: false, waitingFor: 'a node to schedule on' });
    expect(classify({ job: job({}), pods: [unschedulable] }, 400)).toMatchObject({ outcome: { failure: { class: 'Unschedulable', message: '0/2 nodes: Insufficient cpu' } } });
    expect(classify({ job: job({}), pods: [pod({ phase: 'Pending' })] }, 700)).toMatchObject({ outcome: { failure: { class: 'Lost', reason: 'PendingTooLong' } } });
  });

  it('gives a running step its deadline plus grace, then DeadlineExceeded', () => {
    const running = { job: job({ startTime: at(1) }), pods: [pod({ phase: 'Running' })] };
    expect(classify(running, 100)).toMatchObject({ done: false, waitingFor: 'the step to finish' });
    expect(classify(running, 200)).toMatchObject({ done: true, stopJob: true, outcome: { failure: { class: 'DeadlineExceeded' } } });
  });

  it('does not call a pod deleted at the deadline Lost before the Job records DeadlineExceeded', () => {
    const started = job({ startTime: at(1) });
    const bounds = { ...defaultWaitBounds, podCreateMs: 30_000 };
    expect(classifyAttempt(observe({ job: started }, 62), bounds)).toMatchObject({ done: false, waitingFor: 'the Job controller to record the deadline' });
    expect(classifyAttempt(observe({ job: started }, 125), bounds)).toMatchObject({ done: true, outcome: { failure: { class: 'DeadlineExceeded' } } });
  });

  it('reads a result the runner recorded on the Job', () => {
    const recorded = job({}, { 'floe.dev/result': JSON.stringify({ class: 'Unschedulable', retryable: true, reason: 'Unschedulable', message: 'no node', finishedAt: at(9) }) });
    expect(classify({ job: recorded })).toMatchObject({ outcome: { finishedAt: at(9), failure: { class: 'Unschedulable', message: 'no node' } } });
  });
});

import { describe, expect, it } from 'vitest';
import { trimWatchedObject } from './trim-watched-object.js';

describe('trimWatchedObject', () => {
  it('keeps what classification reads and drops pod specs, Job templates and managedFields', () => {
    const status = { phase: 'Running' };
    expect(trimWatchedObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ env: [] }] }, status })).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status });
    expect(trimWatchedObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { activeDeadlineSeconds: 60, suspend: false, template: { spec: {} } }, status: {} }))
      .toEqual({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { activeDeadlineSeconds: 60, suspend: false }, status: {} });
    expect(trimWatchedObject({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n1', containers: [] }, status })).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeName: 'n1' }, status });
    expect(trimWatchedObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', managedFields: [{ manager: 'kube-controller-manager' }] }, status: {} }).metadata).toEqual({ name: 'j' });
    const event = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' }, reason: 'FailedCreate' };
    expect(trimWatchedObject(event)).toBe(event);
  });

  it('copies out only the fields the tracker and the report read, so nothing else of the event stays reachable', () => {
    const pod = {
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '7', creationTimestamp: '2024-01-01T00:00:00Z', generateName: 'j-',
        labels: { 'batch.kubernetes.io/job-name': 'j', 'controller-uid': 'x', 'floe.dev/attempt': '1' }, annotations: { traceparent: '00-abc' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'x', controller: true, blockOwnerDeletion: true }], finalizers: ['batch.kubernetes.io/job-tracking'],
      },
      spec: { nodeName: 'n1', containers: [{ name: 'step', env: [{ name: 'FLOE_STEP', value: '{}' }] }] },
      status: {
        phase: 'Failed', reason: 'Evicted', message: 'low memory', startTime: '2024-01-01T00:00:01Z', hostIP: '10.0.0.1', podIPs: [{ ip: '10.244.0.2' }], qosClass: 'Burstable',
        conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastProbeTime: null, lastTransitionTime: '2024-01-01T00:00:02Z' }],
        containerStatuses: [{
          name: 'step', image: 'floe:1', imageID: 'sha256:1', containerID: 'containerd://1', ready: false, started: false, restartCount: 1,
          state: { terminated: { exitCode: 137, reason: 'OOMKilled', message: 'm', startedAt: 'a', finishedAt: 'b', containerID: 'containerd://1' } },
          lastState: { waiting: { reason: 'ContainerCreating' } },
        }],
      },
    };
    expect(trimWatchedObject(pod)).toEqual({
      apiVersion: 'v1', kind: 'Pod',
      metadata: {
        name: 'p', namespace: 'ns', uid: 'u', resourceVersion: '7', creationTimestamp: '2024-01-01T00:00:00Z',
        labels: { 'batch.kubernetes.io/job-name': 'j', 'floe.dev/attempt': '1' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'x' }],
      },
      spec: { nodeName: 'n1' },
      status: {
        phase: 'Failed', reason: 'Evicted', message: 'low memory', startTime: '2024-01-01T00:00:01Z',
        conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastTransitionTime: '2024-01-01T00:00:02Z' }],
        containerStatuses: [{ name: 'step', image: 'floe:1', restartCount: 1, state: { terminated: { exitCode: 137, reason: 'OOMKilled', message: 'm', startedAt: 'a', finishedAt: 'b' } }, lastState: { waiting: { reason: 'ContainerCreating' } } }],
      },
    });
    const job = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'j', namespace: 'ns', resourceVersion: '9', deletionTimestamp: 'd', labels: { 'floe.dev/run-id': 'r' }, annotations: { 'floe.dev/result': '{}', 'floe.dev/run-id': 'r' } },
      spec: { activeDeadlineSeconds: 60, template: { spec: {} } },
      status: { active: 1, startTime: 's', uncountedTerminatedPods: {}, ready: 0, conditions: [{ type: 'Complete', status: 'True', lastProbeTime: 'p', lastTransitionTime: 't' }] },
    };
    expect(trimWatchedObject(job)).toEqual({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'j', namespace: 'ns', resourceVersion: '9', deletionTimestamp: 'd', annotations: { 'floe.dev/result': '{}' } },
      spec: { activeDeadlineSeconds: 60 },
      status: { active: 1, startTime: 's', conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: 't' }] },
    });
  });
});

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
});

import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { refKey } from '../inventory/apply-set.js';
import { readyAsRead } from './ready-as-read.js';

const deployment = (name: string, status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'p', generation: 2 }, spec: { replicas: 2 }, status,
});
const ready = { observedGeneration: 2, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [{ type: 'Available', status: 'True' }] };
const liveOf = (...objects: KubeObject[]) => new Map(objects.map((object) => [refKey({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace }), object]));

describe('readyAsRead', () => {
  it('gives every object\'s status when all are Current as read', () => {
    const desired = [deployment('a', {}), deployment('b', {})];
    const outcomes = readyAsRead(desired, liveOf(deployment('a', ready), deployment('b', ready)));
    expect(outcomes?.map((outcome) => [outcome.ref.name, outcome.status.state])).toEqual([['a', 'Current'], ['b', 'Current']]);
  });

  it('leaves it to the waiter when one is not Current as read, or was not read', () => {
    const desired = [deployment('a', {}), deployment('b', {})];
    expect(readyAsRead(desired, liveOf(deployment('a', ready), deployment('b', { ...ready, availableReplicas: 1 })))).toBeUndefined();
    expect(readyAsRead(desired, liveOf(deployment('a', ready), deployment('b', { ...ready, observedGeneration: 1 })))).toBeUndefined();
    expect(readyAsRead(desired, liveOf(deployment('a', ready)))).toBeUndefined();
  });
});

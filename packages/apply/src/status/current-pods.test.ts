import type { KubeObject } from '@floe/kube';
import { describe, expect, it } from 'vitest';
import { currentPods } from './current-pods.js';

const deployment = (generation: number, observedGeneration: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'web', uid: 'd1', generation, annotations: { 'deployment.kubernetes.io/revision': '2' } },
  spec: { selector: { matchLabels: { app: 'web' } } },
  status: { observedGeneration },
});
const replicaSet = (revision: string, hash: string): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: { name: `web-${hash}`, labels: { 'pod-template-hash': hash }, annotations: { 'deployment.kubernetes.io/revision': revision }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1' }] },
});
const pod = (hash: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${hash}-x`, labels: { app: 'web', 'pod-template-hash': hash } } });

describe('currentPods', () => {
  it('returns only the pods of the Deployment\'s current ReplicaSet', () => {
    const pods = currentPods(deployment(3, 3), [pod('old'), pod('new')], [replicaSet('1', 'old'), replicaSet('2', 'new')]);
    expect(pods?.map((candidate) => candidate.metadata.name)).toEqual(['web-new-x']);
  });

  it('judges no pods while the controller has not observed the latest generation (a rollback in flight)', () => {
    expect(currentPods(deployment(4, 3), [pod('old'), pod('new')], [replicaSet('1', 'old'), replicaSet('2', 'new')])).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@floe/kube';
import { podRestarts } from './pod-restarts.js';

const pod = (containers: Record<string, unknown>[]): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, status: { containerStatuses: containers } });

describe('podRestarts', () => {
  it('counts no restart for pods that never restarted', () => {
    expect(podRestarts([pod([{ restartCount: 0 }]), pod([{}])])).toEqual({ restarts: 0 });
  });

  it('sums restarts across pods and names the most recent restart\'s reason', () => {
    expect(podRestarts([
      pod([{ restartCount: 2, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-12-01T10:00:00Z' } } }]),
      pod([{ restartCount: 1, lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-12-01T11:00:00Z' } } }]),
    ])).toEqual({ restarts: 3, lastRestartReason: 'Error (exit 1)' });
  });
});

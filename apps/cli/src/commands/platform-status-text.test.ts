import type { PlatformStatus } from '@floe/apply';
import { describe, expect, it } from 'vitest';
import { describeStatus, isUpToDate } from './platform-status-text.js';

const healthy: PlatformStatus = {
  platform: 'acme-data', healthy: true, objects: 12, revision: 1, deployedAt: '2026-12-01T01:00:00Z', drift: [], lastDeploy: { outcome: 'succeeded', at: '2026-12-01T01:00:00Z', floeVersion: '0.1.0', revision: 1 },
  services: [{ kind: 'Deployment', name: 'acme-data-cube-api', namespace: 'floe-platform', component: 'semantic', version: '1.0', replicas: '5/5', state: 'Current', message: '', restarts: 0 }],
};

describe('floe platform status text', () => {
  it('says healthy and exits 0 only when nothing drifted and the last deploy succeeded', () => {
    expect(describeStatus(healthy)[0]).toBe('platform acme-data: healthy (revision 1, deployed 2026-12-01T01:00:00Z)');
    expect(isUpToDate(healthy)).toBe(true);
  });

  it('names the drift and the failed deploy in the headline and below it', () => {
    const drifted: PlatformStatus = {
      ...healthy,
      drift: [{ ref: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'floe-platform', name: 'acme-data-cube-api' }, message: 'Deployment floe-platform/acme-data-cube-api: spec.replicas is 5, revision 1 has 2' }],
      lastDeploy: { outcome: 'failed', at: '2026-12-01T02:00:00Z', floeVersion: '0.1.0', message: 'timed out: Deployment floe-platform/acme-data-polaris: 0/1 ready\nmore' },
    };
    const lines = describeStatus(drifted);
    expect(lines[0]).toBe('platform acme-data: healthy (revision 1, deployed 2026-12-01T01:00:00Z); DRIFTED: 1 object differs from the revision; last deploy FAILED');
    expect(lines).toContain('  last deploy failed at 2026-12-01T02:00:00Z (revision 1 still serves): timed out: Deployment floe-platform/acme-data-polaris: 0/1 ready');
    expect(lines).toContain('  drift: Deployment floe-platform/acme-data-cube-api: spec.replicas is 5, revision 1 has 2');
    expect(isUpToDate(drifted)).toBe(false);
    expect(isUpToDate({ ...healthy, lastDeploy: drifted.lastDeploy })).toBe(false);
  });

  it('a platform without workloads (the jobs layer alone) is deployed, not "nothing deployed"', () => {
    const jobsOnly: PlatformStatus = { ...healthy, services: [], objects: 11 };
    expect(describeStatus(jobsOnly)).toContain('  no workloads (11 objects: namespaces, configuration, RBAC, policies)');
    expect(describeStatus({ ...jobsOnly, healthy: false, objects: 0 })).toContain('  nothing deployed (no inventory)');
  });

  it('shows restarts of a Ready service with why the container last ended', () => {
    const restarting: PlatformStatus = { ...healthy, services: [{ ...healthy.services[0]!, restarts: 3, lastRestartReason: 'OOMKilled' }] };
    expect(describeStatus(restarting)[1]).toMatch(/Current +Deployment\/acme-data-cube-api +5\/5 +1\.0 +restarts 3 \(last: OOMKilled\)$/);
  });
});

import { describe, expect, it } from 'vitest';
import { examplePipeline, examplePlatform, podTemplates, type ContainerView } from '../../test/fixtures.js';
import { renderPipelineJob } from '../pipeline-pod/render-pipeline-job.js';
import { renderPlatform } from './render-platform.js';

const platform = examplePlatform();
const orders = examplePipeline('orders');
const objects = [
  ...renderPlatform(platform).objects,
  ...orders.spec.steps.map((step) => renderPipelineJob({ platform, pipeline: orders, step, runId: 'r1', attempt: 1 })),
];
const pods = podTemplates(objects);
const podName = (pod: (typeof pods)[number]) => `${pod.owner.kind}/${pod.owner.metadata.name}`;
const containersOf = (pod: (typeof pods)[number]): ContainerView[] => [...(pod.spec.initContainers ?? []), ...pod.spec.containers];

describe('every rendered pod', () => {
  it('exists for each workload kind we render', () => {
    expect(new Set(pods.map((pod) => pod.owner.kind))).toEqual(new Set(['Deployment', 'StatefulSet', 'Job']));
  });

  it('passes Pod Security "restricted" at pod level: non-root, explicit ids, RuntimeDefault seccomp', () => {
    for (const pod of pods) {
      expect(pod.spec.securityContext, podName(pod)).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      for (const id of ['runAsUser', 'runAsGroup', 'fsGroup']) {
        expect(pod.spec.securityContext[id], `${podName(pod)} ${id}`).toBeGreaterThan(0);
      }
      expect(pod.spec.enableServiceLinks, podName(pod)).toBe(false);
      expect(pod.spec['hostNetwork'] ?? false).toBe(false);
      expect(pod.spec['volumes'] ?? []).not.toContainEqual(expect.objectContaining({ hostPath: expect.anything() as unknown }));
    }
  });

  it('runs every container without escalation or capabilities, on a read-only root filesystem', () => {
    for (const pod of pods) {
      for (const container of containersOf(pod)) {
        expect(container.securityContext, `${podName(pod)} ${container.name}`).toMatchObject({
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
        });
        expect(container.securityContext?.['capabilities']).not.toHaveProperty('add');
      }
    }
  });

  it('sets cpu and memory requests and limits on every container, init containers and Jobs included', () => {
    for (const pod of pods) {
      for (const container of containersOf(pod)) {
        for (const level of ['requests', 'limits'] as const) {
          expect(container.resources?.[level], `${podName(pod)} ${container.name} ${level}`).toMatchObject({ cpu: expect.any(String) as unknown, memory: expect.any(String) as unknown });
        }
      }
    }
  });

  it('probes liveness and readiness on every long-lived container (not on Jobs); the Dagster daemon, which no Service selects, is Ready once its startup probe saw it heartbeat', () => {
    for (const pod of pods.filter((candidate) => candidate.owner.kind !== 'Job')) {
      for (const container of pod.spec.containers) {
        expect(container.livenessProbe, `${podName(pod)} ${container.name}`).toBeDefined();
        if (podName(pod) === 'Deployment/acme-data-dagster-daemon') {
          expect(container.readinessProbe, `${podName(pod)} ${container.name}`).toBeUndefined();
          expect(container.startupProbe, `${podName(pod)} ${container.name}`).toBeDefined();
        } else {
          expect(container.readinessProbe, `${podName(pod)} ${container.name}`).toBeDefined();
        }
      }
    }
  });

  it('mounts only the service account token a pod needs (Dagster and Prometheus talk to the API server)', () => {
    const withToken = pods.filter((pod) => pod.spec.automountServiceAccountToken !== false).map(podName).sort();
    expect(withToken).toEqual([
      'Deployment/acme-data-dagster-daemon',
      'Deployment/acme-data-dagster-webserver',
      'StatefulSet/acme-data-prometheus',
    ]);
  });

  it('rolls Deployments one surge pod at a time without losing capacity (except the registry, which must recreate)', () => {
    for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
      const strategy = (deployment['spec'] as { strategy: unknown }).strategy;
      if (deployment.metadata.name === 'acme-data-registry') expect(strategy).toEqual({ type: 'Recreate' });
      else expect(strategy, deployment.metadata.name).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    }
  });

  it('carries a config checksum on every pod that reads a ConfigMap', () => {
    for (const pod of pods) {
      const volumes = (pod.spec['volumes'] ?? []) as { configMap?: unknown }[];
      const readsConfig = volumes.some((volume) => volume.configMap) || containersOf(pod).some((container) => (container['envFrom'] as unknown[] | undefined)?.length);
      if (readsConfig && pod.labels['floe.dev/layer'] === 'platform') expect(pod.annotations['floe.dev/config-checksum'], podName(pod)).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

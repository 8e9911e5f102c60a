import { describe, expect, it } from 'vitest';
import { examplePlatform, examplePlatformText, ofKind, platformFromText } from '../../test/fixtures.js';
import { renderPlatform } from '../render/render-platform.js';

const objects = renderPlatform(examplePlatform()).objects;

describe('scaling objects', () => {
  it('leaves replicas out of every Deployment an HPA targets, and only those', () => {
    const hpaTargets = ofKind(objects, 'HorizontalPodAutoscaler').map((hpa) => (hpa['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name);
    expect(hpaTargets).toEqual(['acme-data-polaris']);
    for (const deployment of ofKind(objects, 'Deployment')) {
      const spec = deployment['spec'] as Record<string, unknown>;
      expect('replicas' in spec, deployment.metadata.name).toBe(!hpaTargets.includes(deployment.metadata.name));
    }
  });

  it('gives every workload that can run more than one pod a PodDisruptionBudget over the same pods', () => {
    const pdbs = ofKind(objects, 'PodDisruptionBudget');
    const selectorOf = (object: (typeof objects)[number]) => JSON.stringify((object['spec'] as { selector: unknown }).selector);
    const multi = ofKind(objects, 'Deployment').filter((deployment) => {
      const replicas = (deployment['spec'] as { replicas?: number }).replicas;
      return replicas === undefined || replicas > 1;
    });
    expect(multi.map((deployment) => deployment.metadata.name).sort()).toEqual(['acme-data-cube-api', 'acme-data-dagster-webserver', 'acme-data-polaris']);
    for (const deployment of multi) {
      expect(pdbs.map(selectorOf), deployment.metadata.name).toContain(selectorOf(deployment));
    }
    expect(pdbs).toHaveLength(multi.length);
  });

  it('renders an HPA and drops replicas when autoscaling is added to a server', () => {
    const text = examplePlatformText().replace('    server:\n      replicas: 2\n', '    server:\n      autoscaling: { minReplicas: 2, maxReplicas: 6 }\n');
    const scaled = renderPlatform(platformFromText(text)).objects;
    const cube = scaled.find((object) => object.kind === 'Deployment' && object.metadata.name === 'acme-data-cube-api')!;
    expect(cube['spec']).not.toHaveProperty('replicas');
    expect(ofKind(scaled, 'HorizontalPodAutoscaler').map((hpa) => hpa.metadata.name)).toContain('acme-data-cube-api');
  });

  it('sets the HPA\'s scale-down stabilization only when the spec asks, leaving Kubernetes\' 300 s default otherwise', () => {
    const hpaOf = (autoscaling: string) => {
      const text = examplePlatformText().replace('    server:\n      replicas: 2\n', `    server:\n      autoscaling: ${autoscaling}\n`);
      return ofKind(renderPlatform(platformFromText(text)).objects, 'HorizontalPodAutoscaler').find((hpa) => hpa.metadata.name === 'acme-data-cube-api')!['spec'] as Record<string, unknown>;
    };
    expect(hpaOf('{ minReplicas: 1, maxReplicas: 3, scaleDownStabilizationSeconds: 15 }')['behavior']).toEqual({ scaleDown: { stabilizationWindowSeconds: 15 } });
    expect(hpaOf('{ minReplicas: 1, maxReplicas: 3, scaleDownStabilizationSeconds: 0 }')['behavior']).toEqual({ scaleDown: { stabilizationWindowSeconds: 0 } });
    expect(hpaOf('{ minReplicas: 1, maxReplicas: 3 }')).not.toHaveProperty('behavior');
  });
});

import { describe, expect, it } from 'vitest';
import { examplePlatformText, platformFromText } from '../../test/fixtures.js';
import { renderPlatform } from '../render/render-platform.js';
import { blueGreen } from './blue-green.js';

const marked = (strategy: 'rolling' | 'blue-green', extra = '') => {
  const objects = renderPlatform(platformFromText(examplePlatformText().replace('    strategy: rolling\n', `    strategy: ${strategy}\n${extra}`))).objects;
  return {
    objects,
    deployments: objects.filter((object) => object.metadata.annotations?.[blueGreen.upgradeAnnotation] === 'blue-green').map((object) => `${object.kind}/${object.metadata.name}`).sort(),
    services: objects.filter((object) => object.metadata.annotations?.[blueGreen.serviceOfAnnotation] !== undefined)
      .map((object) => `${object.kind}/${object.metadata.name}->${object.metadata.annotations![blueGreen.serviceOfAnnotation]!}`).sort(),
  };
};

describe('blue-green marking', () => {
  it('marks exactly the stateless servers and their Services when the platform upgrades blue-green', () => {
    const { deployments, services } = marked('blue-green');
    expect(deployments).toEqual([
      'Deployment/acme-data-cube-api',
      'Deployment/acme-data-dagster-webserver',
      'Deployment/acme-data-otel-collector',
      'Deployment/acme-data-polaris',
    ]);
    expect(services).toEqual([
      'Service/acme-data-cube-api->acme-data-cube-api',
      'Service/acme-data-dagster-webserver->acme-data-dagster-webserver',
      'Service/acme-data-otel-collector->acme-data-otel-collector',
      'Service/acme-data-polaris->acme-data-polaris',
    ]);
  });

  it('marks nothing under rolling upgrades, and never a StatefulSet', () => {
    expect(marked('rolling').deployments).toEqual([]);
    expect(marked('rolling').services).toEqual([]);
    expect(marked('blue-green').objects.filter((object) => object.kind === 'StatefulSet' && object.metadata.annotations?.[blueGreen.upgradeAnnotation])).toEqual([]);
  });

  it('carries the scale-down delay on every blue-green Deployment: 30 s by default, or the spec\'s', () => {
    const delays = (objects: readonly { metadata: { annotations?: Record<string, string> } }[]) =>
      [...new Set(objects.filter((object) => object.metadata.annotations?.[blueGreen.upgradeAnnotation]).map((object) => object.metadata.annotations?.[blueGreen.scaleDownDelayAnnotation]))];
    expect(delays(marked('blue-green').objects)).toEqual(['30']);
    expect(delays(marked('blue-green', '    blueGreen:\n      scaleDownDelaySeconds: 5\n').objects)).toEqual(['5']);
    expect(JSON.stringify(marked('rolling').objects)).not.toContain(blueGreen.scaleDownDelayAnnotation);
  });

  it('leaves selectors to the apply step: no colour is rendered', () => {
    expect(JSON.stringify(marked('blue-green').objects)).not.toContain(blueGreen.colorLabel);
  });
});

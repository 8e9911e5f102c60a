import { describe, expect, it } from 'vitest';
import { examplePlatform } from '../../test/fixtures.js';
import { toYaml } from '../output/to-yaml.js';
import { applyOrder } from './apply-order.js';
import { renderPlatform } from './render-platform.js';

describe('renderPlatform on the full example platform', () => {
  const rendered = renderPlatform(examplePlatform());

  for (const component of rendered.components) {
    it(`renders ${component.name} as reviewed in its snapshot file`, async () => {
      await expect(toYaml(component.objects)).toMatchFileSnapshot(`../../test/__snapshots__/example-platform/${component.name}.yaml`);
    });
  }

  it('renders the same bytes every time', () => {
    const again = renderPlatform(examplePlatform());
    expect(toYaml(again.objects)).toBe(toYaml(rendered.objects));
    expect(JSON.stringify(again)).toBe(JSON.stringify(rendered));
  });

  it('returns every object in apply order, and the components hold exactly those objects', () => {
    const ranks = rendered.objects.map((object) => (applyOrder as readonly string[]).indexOf(object.kind));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(rendered.components.flatMap((component) => component.objects)).toHaveLength(rendered.objects.length);
    expect(rendered.components.map((component) => component.name)).toEqual([...rendered.components.map((component) => component.name)].sort());
  });

  it('produces plain JSON objects with apiVersion, kind, name, and a namespace on every namespaced object', () => {
    for (const object of rendered.objects) {
      expect(JSON.parse(JSON.stringify(object))).toEqual(object);
      expect(object.apiVersion).toMatch(/^[a-z0-9./]+$/);
      expect(object.metadata.name.length).toBeLessThanOrEqual(63);
      expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      if (object.kind === 'Namespace') expect(object.metadata.namespace).toBeUndefined();
      else expect(['floe-platform', 'floe-jobs']).toContain(object.metadata.namespace);
    }
  });

  it('never renders a Secret, and lists the credentials to generate instead', () => {
    expect(rendered.objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    expect(rendered.generatedCredentials.map((credential) => [credential.secretName, credential.namespaces])).toEqual([
      ['acme-data-dagster-postgresql', ['floe-platform', 'floe-jobs']],
      ['acme-data-polaris-postgresql', ['floe-platform']],
      ['acme-data-polaris-root', ['floe-platform', 'floe-jobs']],
      ['acme-data-polaris-token-key', ['floe-platform']],
      ['acme-data-polaris-steps', ['floe-platform', 'floe-jobs']],
      ['acme-data-minio-credentials', ['floe-platform', 'floe-jobs']],
      ['acme-data-cube-api-secret', ['floe-platform']],
      ['acme-data-grafana-admin', ['floe-platform']],
    ]);
  });

  it('references every generated credential from a workload that carries the generated-credential annotation', () => {
    const annotated = rendered.objects.flatMap((object) => (object.metadata.annotations?.['floe.dev/generated-credential'] ?? '').split(',').filter(Boolean));
    const yaml = toYaml(rendered.objects);
    for (const credential of rendered.generatedCredentials) {
      expect(yaml).toContain(`name: ${credential.secretName}`);
      expect(annotated).toContain(credential.secretName);
    }
  });

  it('labels every object with the standard labels, part-of floe and its layer', () => {
    for (const object of rendered.objects) {
      expect(object.metadata.labels).toMatchObject({
        'app.kubernetes.io/part-of': 'floe',
        'app.kubernetes.io/managed-by': 'floe',
        'app.kubernetes.io/instance': 'acme-data',
        team: 'data-platform',
      });
      for (const key of ['app.kubernetes.io/name', 'app.kubernetes.io/component', 'app.kubernetes.io/version', 'floe.dev/layer']) {
        expect(object.metadata.labels, `${object.kind}/${object.metadata.name}`).toHaveProperty([key]);
      }
    }
  });

  it('never selects pods by their version label', () => {
    const selectors = rendered.objects.flatMap((object) => {
      const spec = object['spec'] as { selector?: unknown; podSelector?: unknown } | undefined;
      return [spec?.selector, spec?.podSelector].filter((selector) => selector !== undefined);
    });
    expect(selectors.length).toBeGreaterThan(10);
    expect(JSON.stringify(selectors)).not.toContain('app.kubernetes.io/version');
  });
});

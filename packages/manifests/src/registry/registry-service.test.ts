import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parsePlatformSpec } from '@floe/spec';
import { examplePlatformText, localExamplePlatform } from '../../test/fixtures.js';
import { renderPlatform } from '../render/render-platform.js';
import { registryService } from './registry-service.js';

const withRegistry = (registry: unknown) => {
  const document = parseDocument(examplePlatformText());
  document.setIn(['spec', 'registry'], registry);
  return parsePlatformSpec(document.toString(), { file: 'variant.yaml' });
};

describe('registryService', () => {
  it('names the Service the platform renders for its in-cluster registry, with its HTTP port', () => {
    const platform = localExamplePlatform();
    const service = registryService(platform);
    expect(service).toEqual({ namespace: 'floe-local-platform', name: 'acme-local-registry', port: 5000 });
    const rendered = renderPlatform(platform).objects.find((object) => object.kind === 'Service' && object.metadata.name === service?.name);
    expect(rendered?.metadata.namespace).toBe(service?.namespace);
    expect((rendered as unknown as { spec: { ports: { name: string; port: number }[] } }).spec.ports).toContainEqual(expect.objectContaining({ name: 'http', port: 5000 }));
  });

  it('is undefined for an external registry and for none', () => {
    expect(registryService(withRegistry({ type: 'external', url: 'registry.acme.example/floe' }))).toBeUndefined();
    expect(registryService(withRegistry({ enabled: false, type: 'inCluster' }))).toBeUndefined();
  });
});

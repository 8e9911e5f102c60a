import { describe, expect, it } from 'vitest';
import { examplePlatformText, platformFromText } from '../../test/fixtures.js';
import type { KubeObject } from './kube-object.js';
import { renderPlatform } from '../render/render-platform.js';

function byId(objects: readonly KubeObject[]): Map<string, string> {
  return new Map(objects.map((object) => [`${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`, JSON.stringify(object)]));
}

describe('config checksum', () => {
  it('changes only the ConfigMap and the consuming Deployment\'s checksum annotation when only config content changes', () => {
    const before = renderPlatform(platformFromText(examplePlatformText())).objects;
    const after = renderPlatform(platformFromText(examplePlatformText().replace('        - type: debug\n', '        - type: debug\n          verbosity: detailed\n'))).objects;
    const old = byId(before);
    const changed = [...byId(after)].filter(([id, json]) => old.get(id) !== json).map(([id]) => id);
    expect(changed).toEqual(['ConfigMap/floe-platform/acme-data-otel-collector-config', 'Deployment/floe-platform/acme-data-otel-collector']);

    const deployment = (objects: readonly KubeObject[]) => objects.find((object) => object.metadata.name === 'acme-data-otel-collector' && object.kind === 'Deployment')!;
    const annotationsOf = (object: KubeObject) => (object['spec'] as { template: { metadata: { annotations: Record<string, string> } } }).template.metadata.annotations;
    const oldAnnotations = annotationsOf(deployment(before));
    const newAnnotations = annotationsOf(deployment(after));
    expect(newAnnotations['floe.dev/config-checksum']).not.toBe(oldAnnotations['floe.dev/config-checksum']);
    // Put the old checksum back: nothing else in the Deployment differs.
    expect(JSON.stringify(deployment(after)).replace(newAnnotations['floe.dev/config-checksum']!, oldAnnotations['floe.dev/config-checksum']!)).toBe(JSON.stringify(deployment(before)));
  });
});

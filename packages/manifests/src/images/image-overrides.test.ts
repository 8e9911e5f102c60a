import { defaultImages, parsePlatformSpec, type Platform } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { examplePipeline, examplePlatformText } from '../../test/fixtures.js';
import type { KubeObject } from '../kube/kube-object.js';
import { renderPipelineJob } from '../pipeline-pod/render-pipeline-job.js';
import { renderPlatform } from '../render/render-platform.js';

/** Every image field of a Platform, as a YAML path, with a distinct override for it. */
const imageFields: readonly (readonly string[])[] = [
  ['orchestrator', 'image'],
  ['orchestrator', 'codeLocation', 'image'],
  ['orchestrator', 'database', 'image'],
  ['catalog', 'image'],
  ['catalog', 'adminImage'],
  ['catalog', 'database', 'image'],
  ['semantic', 'image'],
  ['semantic', 'cache', 'image'],
  ['observability', 'collector', 'image'],
  ['observability', 'prometheus', 'image'],
  ['observability', 'grafana', 'image'],
  ['storage', 'image'],
  ['storage', 'clientImage'],
  ['registry', 'image'],
  ['jobs', 'image'],
];
const overrideOf = (field: readonly string[]) => `registry.acme.internal/override/${field.join('-').toLowerCase()}:1.0.0`;

/** The example platform with `edit` applied to its YAML document. */
function variant(edit: (document: ReturnType<typeof parseDocument>) => void): Platform {
  const document = parseDocument(examplePlatformText());
  edit(document);
  return parsePlatformSpec(document.toString(), { file: 'variant.yaml' });
}

const everyImageOverridden = (cache: 'cubestore' | 'redis') => variant((document) => {
  document.setIn(['spec', 'semantic', 'cache', 'type'], cache);
  if (cache === 'redis') document.deleteIn(['spec', 'semantic', 'cache', 'workers']);
  for (const field of imageFields) document.setIn(['spec', ...field], overrideOf(field));
});

/** Every container and init container of every object, wherever it sits (Deployments, StatefulSets, Jobs, anything with a pod template). */
function containerImages(value: unknown, found: { where: string; image: string }[] = [], where = ''): { where: string; image: string }[] {
  if (Array.isArray(value)) value.forEach((item, index) => containerImages(item, found, `${where}[${index}]`));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'containers' || key === 'initContainers') && Array.isArray(item)) {
        for (const entry of item as { name: string; image: string }[]) found.push({ where: `${where}.${key}/${entry.name}`, image: entry.image });
      }
      containerImages(item, found, `${where}.${key}`);
    }
  }
  return found;
}

/** Images named outside a container: Dagster's run launcher `job_image` and the code location's DAGSTER_CURRENT_IMAGE. */
function otherImageReferences(objects: readonly KubeObject[]): string[] {
  const references: string[] = [];
  for (const object of objects) {
    const data = (object['data'] ?? {}) as Record<string, string>;
    if (data['dagster.yaml']) references.push((parse(data['dagster.yaml']) as { run_launcher: { config: { job_image: string } } }).run_launcher.config.job_image);
    for (const found of JSON.stringify(object).matchAll(/"name":"DAGSTER_CURRENT_IMAGE","value":"([^"]+)"/g)) references.push(found[1]!);
  }
  return references;
}

function renderedWithJob(platform: Platform) {
  const orders = examplePipeline('orders');
  const objects = [...renderPlatform(platform, { pipelines: [orders] }).objects, renderPipelineJob({ platform, pipeline: orders, step: orders.spec.steps[0]!, runId: 'r1', attempt: 1 })];
  return { objects, images: [...containerImages(objects).map((entry) => entry.image), ...otherImageReferences(objects)] };
}

describe('image overrides', () => {
  for (const cache of ['cubestore', 'redis'] as const) {
    it(`use the override of every component everywhere, and no default image survives (cache ${cache})`, () => {
      const { objects, images } = renderedWithJob(everyImageOverridden(cache));
      const overrides = new Set(imageFields.map(overrideOf));
      for (const entry of containerImages(objects)) expect(overrides, `${entry.where} uses ${entry.image}`).toContain(entry.image);
      for (const image of otherImageReferences(objects)) expect(overrides).toContain(image);
      const text = JSON.stringify(objects);
      for (const image of Object.values(defaultImages)) expect(text, `default ${image} escaped the override`).not.toContain(image);
      expect(images.length).toBeGreaterThan(15);
    });
  }

  it('send the code location, its run workers and nothing else to the code-location image', () => {
    const field = ['orchestrator', 'codeLocation', 'image'];
    const { objects } = renderedWithJob(everyImageOverridden('cubestore'));
    const users = containerImages(objects).filter((entry) => entry.image === overrideOf(field));
    expect(users.map((entry) => entry.where)).toEqual([expect.stringContaining('.containers/code-location')]);
    expect(otherImageReferences(objects)).toEqual([overrideOf(field), overrideOf(field), overrideOf(field)]);
  });

  it('pull every image through the mirror, official defaults and overrides alike, a step\'s own image included', () => {
    const platform = variant((document) => {
      document.setIn(['spec', 'images', 'mirror', 'prefix'], 'mirror.acme.internal:5000/upstream');
      document.setIn(['spec', 'catalog', 'image'], 'registry.acme.internal/polaris:1.7.0-acme');
    });
    const { images } = renderedWithJob(platform);
    for (const image of images) expect(image).toMatch(/^mirror\.acme\.internal:5000\/upstream\/(docker\.io|quay\.io|ghcr\.io|registry\.acme\.internal)\//);
    expect(images).toContain('mirror.acme.internal:5000/upstream/docker.io/library/postgres:18.1');
    expect(images).toContain('mirror.acme.internal:5000/upstream/registry.acme.internal/polaris:1.7.0-acme');
    expect(images).toContain('mirror.acme.internal:5000/upstream/ghcr.io/floe-dev/floe-dagster:0.1.0');
    const orders = examplePipeline('orders');
    const step = { ...orders.spec.steps[0]!, image: 'acme/dbt-project:3' };
    const job = renderPipelineJob({ platform, pipeline: orders, step, runId: 'r1', attempt: 1 });
    expect(containerImages(job).map((entry) => entry.image)).toEqual(['mirror.acme.internal:5000/upstream/docker.io/acme/dbt-project:3']);
  });

  it('keep the official images by default: the example platform renders no other registry', () => {
    const { images } = renderedWithJob(parsePlatformSpec(examplePlatformText(), { file: 'platform.yaml' }));
    // Redis (Cube < 0.36 only) and the iceberg-rest catalog are not in the full example.
    expect(new Set(images)).toEqual(new Set(Object.values(defaultImages).filter((image) => image !== defaultImages.redis && image !== defaultImages.icebergRest)));
  });
});

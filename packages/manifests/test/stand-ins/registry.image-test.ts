import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { fetchInside } from '../containers/fetch-inside.js';
import { claimDir, renderedContainer } from '../containers/rendered-container.js';
import { examplePlatform } from '../fixtures.js';
import { imageConfig } from './image-config.js';
import { startAsRendered, type StartedStandIn } from './start-as-rendered.js';

const image = inject('goStandInImages').registry;
const registry = renderedContainer(renderPlatform(examplePlatform()).objects, 'acme-data-registry', 'registry');
const port = (name: string) => registry.container.ports!.find((candidate) => candidate.name === name)!.containerPort;
const api = `http://127.0.0.1:${port('http')}`;

describe(`the registry stand-in (${image}) run as the rendered Deployment`, () => {
  let started: StartedStandIn;
  let data = '';
  let name = '';

  beforeAll(async () => {
    started = await startAsRendered({
      image,
      rendered: registry,
      label: 'registry',
      inputs: (work) => ({ volumes: { data: (data = claimDir(work, 'data', registry.pod.securityContext.fsGroup)) } }),
      ready: async (container) => expect((await fetchInside(container, { url: `${api}/` })).status).toBe(200),
    });
    name = started.name;
  });

  afterAll(() => started?.stop());

  it('keeps the official entrypoint (registry serve /etc/distribution/config.yml) and says it is a stand-in', async () => {
    const config = await imageConfig(image);
    expect([...(config.Entrypoint ?? []), ...(config.Cmd ?? [])]).toEqual(['registry', 'serve', '/etc/distribution/config.yml']);
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.title': 'registry', 'org.opencontainers.image.version': '3.0.0', 'org.opencontainers.image.licenses': 'Apache-2.0' });
    expect(config.Labels['org.opencontainers.image.description']).toContain('local stand-in built from Go modules; not the official image');
  });

  it('answers the rendered probe on the API port and Prometheus metrics on the debug port', async () => {
    const probe = registry.container.readinessProbe!.httpGet!;
    expect((await fetchInside(name, { url: `${api}${probe.path}` })).status).toBe(200);
    const metrics = await fetchInside(name, { url: `http://127.0.0.1:${port('debug')}/metrics` });
    expect(metrics.status).toBe(200);
    expect(metrics.body.toString()).toContain('registry_');
  });

  it('accepts a blob pushed through the OCI distribution API, serves it back, and keeps it under /var/lib/registry', async () => {
    const blob = randomBytes(4096);
    const digest = `sha256:${createHash('sha256').update(blob).digest('hex')}`;
    const upload = await fetchInside(name, { url: `${api}/v2/floe/stand-in-test/blobs/uploads/`, method: 'POST' });
    expect(upload.status).toBe(202);
    const location = new URL(upload.headers['location']!, api);
    location.searchParams.set('digest', digest);
    const put = await fetchInside(name, { url: location.toString(), method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: blob });
    expect(put.status).toBe(201);
    const pulled = await fetchInside(name, { url: `${api}/v2/floe/stand-in-test/blobs/${digest}` });
    expect(pulled.status).toBe(200);
    expect(pulled.headers['docker-content-digest']).toBe(digest);
    expect(pulled.body.equals(blob)).toBe(true);
    const stored = join(data, 'docker/registry/v2/blobs/sha256', digest.slice(7, 9), digest.slice(7), 'data');
    expect(existsSync(stored) && readFileSync(stored).equals(blob)).toBe(true);
  });
});

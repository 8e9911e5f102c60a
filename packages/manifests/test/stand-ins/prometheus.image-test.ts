import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { fetchInside } from '../containers/fetch-inside.js';
import { eventually, logTail } from '../containers/podman.js';
import { claimDir, renderedContainer } from '../containers/rendered-container.js';
import { examplePlatform } from '../fixtures.js';
import { configMapDir } from './config-map-dir.js';
import { imageConfig } from './image-config.js';
import { startAsRendered, type StartedStandIn } from './start-as-rendered.js';

const image = inject('goStandInImages').prometheus;
const rendered = renderPlatform(examplePlatform()).objects;
const prometheus = renderedContainer(rendered, 'acme-data-prometheus', 'prometheus');
const configMapName = prometheus.pod.volumes!.find((volume) => volume.name === 'config')!.configMap!.name;
const api = `http://127.0.0.1:${prometheus.container.ports!.find((port) => port.name === 'http')!.containerPort}`;

interface Targets { data: { activeTargets: { labels: Record<string, string>; health: string; lastError: string }[] } }

describe(`the prometheus stand-in (${image}) run as the rendered StatefulSet with the rendered config`, () => {
  let started: StartedStandIn;
  let data = '';
  let name = '';

  beforeAll(async () => {
    started = await startAsRendered({
      image,
      rendered: prometheus,
      label: 'prometheus',
      inputs: (work) => ({ volumes: { data: (data = claimDir(work, 'data', prometheus.pod.securityContext.fsGroup)), config: configMapDir(rendered, configMapName, work) } }),
      ready: async (container) => expect((await fetchInside(container, { url: `${api}${prometheus.container.readinessProbe!.httpGet!.path}` })).status).toBe(200),
    });
    name = started.name;
  });

  afterAll(() => started?.stop());

  it('keeps the official image\'s entrypoint, default args and user nobody (65534)', async () => {
    const config = await imageConfig(image);
    expect(config.Entrypoint).toEqual(['/bin/prometheus']);
    expect(config.Cmd).toEqual(['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.path=/prometheus']);
    expect(config.User).toBe('65534');
    expect(config.Labels).toMatchObject({ 'org.opencontainers.image.version': '3.7.3', 'org.opencontainers.image.licenses': 'Apache-2.0' });
    expect(config.Labels['org.opencontainers.image.description']).toContain('local stand-in built from Go modules; not the official image');
  });

  it('answers the rendered probes and reports version 3.7.3 with the rendered flags', async () => {
    expect((await fetchInside(name, { url: `${api}${prometheus.container.livenessProbe!.httpGet!.path}` })).status).toBe(200);
    const build = JSON.parse((await fetchInside(name, { url: `${api}/api/v1/status/buildinfo` })).body.toString()) as { data: { version: string } };
    expect(build.data.version).toBe('3.7.3');
    const flags = JSON.parse((await fetchInside(name, { url: `${api}/api/v1/status/flags` })).body.toString()) as { data: Record<string, string> };
    expect(flags.data['storage.tsdb.path']).toBe('/data');
  });

  it('loads the rendered config, scrapes its static target (itself) and reports it up in /api/v1/targets and the query API; the TSDB lives in the claim', async () => {
    const self = await eventually(async () => {
      const targets = JSON.parse((await fetchInside(name, { url: `${api}/api/v1/targets?state=active` })).body.toString()) as Targets;
      const target = targets.data.activeTargets.find((candidate) => candidate.labels['job'] === 'prometheus');
      if (target?.health !== 'up') throw new Error(`prometheus target: ${JSON.stringify(target)}`);
      return target;
    }, 90_000, () => logTail(name), 3000);
    expect(self.labels['instance']).toBe('localhost:9090');
    const up = JSON.parse((await fetchInside(name, { url: `${api}/api/v1/query?query=${encodeURIComponent('up{job="prometheus"}')}` })).body.toString()) as { data: { result: { value: [number, string] }[] } };
    expect(up.data.result.map((sample) => sample.value[1])).toEqual(['1']);
    const loaded = JSON.parse((await fetchInside(name, { url: `${api}/api/v1/status/config` })).body.toString()) as { data: { yaml: string } };
    expect(loaded.data.yaml).toContain('platform: acme-data');
    expect(readdirSync(data)).toEqual(expect.arrayContaining(['wal']));
  });
});

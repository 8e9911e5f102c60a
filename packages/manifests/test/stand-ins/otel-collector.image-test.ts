import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { KubeObject } from '../../src/kube/kube-object.js';
import { renderPlatform } from '../../src/render/render-platform.js';
import { fetchInside } from '../containers/fetch-inside.js';
import { containerLog, eventually, logTail, podman } from '../containers/podman.js';
import { renderedContainer } from '../containers/rendered-container.js';
import { examplePlatform } from '../fixtures.js';
import { configMapDir } from './config-map-dir.js';
import { imageConfig } from './image-config.js';
import { startAsRendered, type StartedStandIn } from './start-as-rendered.js';

const image = inject('goStandInImages')['otel-collector'];
const rendered = renderPlatform(examplePlatform()).objects;
const collector = renderedContainer(rendered, 'acme-data-otel-collector', 'collector');
const configMapName = collector.pod.volumes!.find((volume) => volume.name === 'config')!.configMap!.name;
const configText = ((rendered.find((object: KubeObject) => object.kind === 'ConfigMap' && object.metadata.name === configMapName)!['data']) as Record<string, string>)['config.yaml']!;
const port = (name: string) => collector.container.ports!.find((candidate) => candidate.name === name)!.containerPort;

/** One span in OTLP/JSON, as an instrumented floe step would send it. */
const span = {
  resourceSpans: [{
    resource: { attributes: [{ key: 'service.name', value: { stringValue: 'floe-stand-in-test' } }] },
    scopeSpans: [{
      scope: { name: 'floe.test' },
      spans: [{ traceId: '5b8efff798038103d269b633813fc60c', spanId: 'eee19b7ec3c1b174', name: 'stand-in-span', kind: 1, startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000001000000000' }],
    }],
  }],
};

describe(`the otel-collector stand-in (${image}) run as the rendered Deployment with the rendered config`, () => {
  let started: StartedStandIn;
  let name = '';

  beforeAll(async () => {
    started = await startAsRendered({
      image,
      rendered: collector,
      label: 'otel-collector',
      // MY_POD_IP comes from the downward API: in a namespace of its own, the pod's address is its loopback.
      inputs: (work) => ({ volumes: { config: configMapDir(rendered, configMapName, work) }, env: { MY_POD_IP: '127.0.0.1' } }),
      ready: async (container) => expect((await fetchInside(container, { url: `http://127.0.0.1:${port('health')}${collector.container.readinessProbe!.httpGet!.path}` })).status).toBe(200),
    });
    name = started.name;
  });

  afterAll(() => started?.stop());

  it('keeps the official image\'s binary, default config path and user 10001, and builds in every component the rendered config names', async () => {
    const config = await imageConfig(image);
    expect(config.Entrypoint).toEqual(['/otelcol-contrib']);
    expect(config.Cmd).toEqual(['--config', '/etc/otelcol-contrib/config.yaml']);
    expect(config.User).toBe('10001');
    expect(config.Labels['org.opencontainers.image.description']).toContain('local stand-in built from Go modules; not the official image');
    const listed = parse(await podman(['run', '--rm', '--network', 'none', image, 'components'])) as Record<string, { name: string }[]>;
    const built = (kind: string) => (listed[kind] ?? []).map((component) => component.name);
    const used = parse(configText) as Record<'receivers' | 'processors' | 'exporters' | 'extensions', Record<string, unknown>>;
    const kinds = { receivers: 'receivers', processors: 'processors', exporters: 'exporters', extensions: 'extensions' } as const;
    for (const [section, kind] of Object.entries(kinds)) expect(built(kind)).toEqual(expect.arrayContaining(Object.keys(used[section as keyof typeof kinds]).map((id) => id.split('/')[0]!)));
  });

  it('validates the rendered config with the otlp and otlphttp exporters added (they forward to a backend; `components` omits them as renamed types)', async () => {
    const config = parse(configText) as { exporters: Record<string, unknown>; service: { pipelines: Record<string, { exporters: string[] }> } };
    config.exporters['otlp'] = { endpoint: '127.0.0.1:14317' };
    config.exporters['otlphttp'] = { endpoint: 'http://127.0.0.1:14318' };
    config.service.pipelines['traces']!.exporters.push('otlp', 'otlphttp');
    const dir = join(started.work, 'forwarding');
    mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(dir, 'config.yaml'), stringify(config), { mode: 0o644 });
    await expect(podman(['run', '--rm', '--network', 'none', '-e', 'MY_POD_IP=127.0.0.1', '-v', `${dir}:/etc/forwarding:ro`, image, 'validate', '--config', '/etc/forwarding/config.yaml'])).resolves.toBeDefined();
    config.exporters['no_such_exporter'] = {};
    config.service.pipelines['traces']!.exporters.push('no_such_exporter');
    writeFileSync(join(dir, 'config.yaml'), stringify(config), { mode: 0o644 });
    await expect(podman(['run', '--rm', '--network', 'none', '-e', 'MY_POD_IP=127.0.0.1', '-v', `${dir}:/etc/forwarding:ro`, image, 'validate', '--config', '/etc/forwarding/config.yaml'])).rejects.toThrow(/no_such_exporter/);
  });

  it('answers the rendered health_check probe on 13133', async () => {
    const health = await fetchInside(name, { url: `http://127.0.0.1:${port('health')}/` });
    expect(health.status).toBe(200);
    expect(health.body.toString()).toContain('Server available');
  });

  it('accepts an OTLP/HTTP span on 4318 (POST /v1/traces, 200) and counts it in its own metrics on 8888', async () => {
    const response = await fetchInside(name, { url: `http://127.0.0.1:${port('otlp-http')}/v1/traces`, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(span) });
    expect(response.status).toBe(200);
    // The rendered traces pipeline ends in the debug exporter, which logs each batch it gets.
    await eventually(async () => expect(await containerLog(name)).toMatch(/Traces.*"spans": 1/), 20_000, () => logTail(name));
    const accepted = await eventually(async () => {
      const metrics = (await fetchInside(name, { url: `http://127.0.0.1:${port('metrics')}/metrics` })).body.toString();
      const line = metrics.split('\n').find((candidate) => candidate.startsWith('otelcol_receiver_accepted_spans') && candidate.includes('transport="http"'));
      if (!line) throw new Error('no otelcol_receiver_accepted_spans for http yet');
      return Number(line.split(' ').at(-1));
    }, 30_000, () => logTail(name));
    expect(accepted).toBeGreaterThanOrEqual(1);
  });
});

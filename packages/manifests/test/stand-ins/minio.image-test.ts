import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { fetchInside, type InsideRequest } from '../containers/fetch-inside.js';
import { podman, removeContainers, sharedNetwork } from '../containers/podman.js';
import { claimDir, podmanRunFlags, renderedArgs, renderedContainer } from '../containers/rendered-container.js';
import { examplePlatform } from '../fixtures.js';
import { imageConfig } from './image-config.js';
import { signS3Request } from './s3-signature.js';
import { startAsRendered, type StartedStandIn } from './start-as-rendered.js';

const images = inject('goStandInImages');
const rendered = renderPlatform(examplePlatform()).objects;
const minio = renderedContainer(rendered, 'acme-data-minio', 'minio');
const bucketJob = renderedContainer(rendered, 'acme-data-minio-buckets-', 'create-buckets');
const credentialsSecret = minio.container.env!.find((entry) => entry.name === 'MINIO_ROOT_USER')!.valueFrom!.secretKeyRef!.name;
const credentials = { accessKey: `floe-${process.pid}`, secretKey: `secret-${process.pid}-${Date.now()}` };
const secrets = { [`${credentialsSecret}/AWS_ACCESS_KEY_ID`]: credentials.accessKey, [`${credentialsSecret}/AWS_SECRET_ACCESS_KEY`]: credentials.secretKey };
const api = `http://127.0.0.1:${minio.container.ports!.find((port) => port.name === 'api')!.containerPort}`;
// The bucket Job reaches MinIO through its Service name: here it resolves to the shared loopback.
const serviceHost = new URL(/"(http:\/\/[^"]+)"/.exec(bucketJob.container.command!.join(' '))![1]!).hostname;
const buckets = [...bucketJob.container.command!.join(' ').matchAll(/"floe\/([a-z0-9.-]+)"/g)].map((match) => match[1]!);

const names = { minio: '', job: `floe-stand-in-minio-buckets-${process.pid}` };

/** A signed S3 request to MinIO from inside its network namespace. */
const s3 = (request: InsideRequest & { method: string; body?: string }) => fetchInside(names.minio, { ...request, headers: { ...request.headers, ...signS3Request(request, credentials) } });
const bucketNames = async () => {
  const response = await s3({ method: 'GET', url: `${api}/` });
  expect(response.status).toBe(200);
  return [...response.body.toString().matchAll(/<Name>([^<]+)<\/Name>/g)].map((match) => match[1]!).sort();
};

describe(`the minio stand-in (${images.minio}) run as the rendered StatefulSet, and the mc stand-in (${images['minio-client']}) as the bucket Job`, () => {
  let started: StartedStandIn;
  let data = '';
  let network: ReturnType<typeof sharedNetwork>;

  beforeAll(async () => {
    started = await startAsRendered({
      image: images.minio,
      rendered: minio,
      label: 'minio',
      inputs: (work) => ({ secrets, volumes: { data: (data = claimDir(work, 'data', minio.pod.securityContext.fsGroup)) } }),
      network: (work, name) => {
        writeFileSync(join(work, 'hosts'), `127.0.0.1 localhost ${serviceHost}\n`);
        network = sharedNetwork(name, join(work, 'hosts'));
        return network.owner;
      },
      ready: async (container) => expect((await fetchInside(container, { url: `${api}${minio.container.readinessProbe!.httpGet!.path}` })).status).toBe(200),
    });
    names.minio = started.name;
  });

  afterAll(async () => {
    await removeContainers([names.job]);
    await started?.stop();
  });

  it('keeps the official contract: minio as the entrypoint, the AGPLv3 licence named in its labels', async () => {
    const config = await imageConfig(images.minio);
    expect(config.Entrypoint).toEqual(['minio']);
    expect(config.Labels['org.opencontainers.image.licenses']).toBe('AGPL-3.0-only');
    expect(config.Labels['org.opencontainers.image.description']).toContain('local stand-in built from Go modules; not the official image');
    expect(renderedArgs(minio).slice(0, 2)).toEqual(['server', '/data']);
  });

  it('answers the rendered live and ready probes, and the cluster metrics floe\'s Prometheus scrapes without credentials', async () => {
    expect((await fetchInside(names.minio, { url: `${api}/minio/health/live` })).status).toBe(200);
    expect((await fetchInside(names.minio, { url: `${api}/minio/health/ready` })).status).toBe(200);
    const metrics = await fetchInside(names.minio, { url: `${api}/minio/v2/metrics/cluster` });
    expect(metrics.status).toBe(200);
    expect(metrics.body.toString()).toContain('minio_');
  });

  it('creates and lists a bucket through the S3 API with the root credentials from MINIO_ROOT_USER/MINIO_ROOT_PASSWORD, and refuses unsigned requests', async () => {
    expect((await s3({ method: 'PUT', url: `${api}/stand-in-check` })).status).toBe(200);
    expect(await bucketNames()).toContain('stand-in-check');
    expect((await fetchInside(names.minio, { url: `${api}/` })).status).toBe(403);
    expect(existsSync(join(data, 'stand-in-check'))).toBe(true);
  });

  it('runs the rendered bucket Job\'s own command (/bin/sh, mc alias set, mc mb --ignore-existing) to completion, twice', async () => {
    const job = [...network.member, ...podmanRunFlags(bucketJob, { secrets }), images['minio-client']];
    for (let run = 0; run < 2; run += 1) {
      const output = await podman(['run', '--rm', '--name', names.job, ...job]);
      expect(output).toContain('Added `floe` successfully.');
    }
    expect(buckets.length).toBeGreaterThan(0);
    expect(await bucketNames()).toEqual(expect.arrayContaining(buckets));
  });

  it('gives mc the official image\'s entrypoint and a shell for Jobs that set their own command', async () => {
    const config = await imageConfig(images['minio-client']);
    expect(config.Entrypoint).toEqual(['mc']);
    expect(bucketJob.container.command![0]).toBe('/bin/sh');
    const version = await podman(['run', '--rm', '--network', 'none', '--read-only', '--user', '1000:1000', images['minio-client'], '--version']);
    expect(version).toContain('mc version');
  });
});

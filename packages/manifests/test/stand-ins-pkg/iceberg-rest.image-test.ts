import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { examplePlatform } from '../fixtures.js';
import { eventually, logTail, podman, removeContainers, sharedNetwork } from '../containers/podman.js';
import { claimDir, podmanRunFlags, renderedContainer } from '../containers/rendered-container.js';

const images = inject('standInImages');
const rendered = renderPlatform(examplePlatform()).objects;
// The catalog's security context, /tmp emptyDir and port are Polaris's as rendered; the
// local cluster runs Iceberg's REST catalog server in its place, on the catalog's PostgreSQL.
const polaris = renderedContainer(rendered, 'acme-data-polaris', 'polaris');
const postgres = renderedContainer(rendered, 'acme-data-polaris-postgresql', 'postgres');
const postgresEnv = Object.fromEntries((postgres.container.env ?? []).filter((entry) => entry.value !== undefined).map((entry) => [entry.name, entry.value!]));
const apiPort = polaris.container.ports!.find((port) => port.name === 'http' || port.containerPort === 8181)!.containerPort;
const password = `pw-${process.pid}-${Date.now()}`;

/** The catalog's configuration, by the env names the server reads (images/stand-ins/iceberg-rest/Containerfile). */
const catalogEnv = {
  CATALOG_URI: `jdbc:postgresql://127.0.0.1:5432/${postgresEnv['POSTGRES_DB']}`,
  CATALOG_JDBC_USER: postgresEnv['POSTGRES_USER']!,
  CATALOG_JDBC_PASSWORD: password,
  CATALOG_WAREHOUSE: 's3://lakehouse/',
  CATALOG_IO__IMPL: 'org.apache.iceberg.aws.s3.S3FileIO',
  // Nothing listens there: namespace operations never touch storage.
  CATALOG_S3_ENDPOINT: 'http://127.0.0.1:9',
  CATALOG_S3_PATH__STYLE__ACCESS: 'true',
  CATALOG_S3_ACCESS__KEY__ID: 'stand-in-test',
  CATALOG_S3_SECRET__ACCESS__KEY: 'stand-in-test',
  CATALOG_CLIENT_REGION: 'us-east-1',
  AWS_REGION: 'us-east-1',
  CATALOG_REST_PORT: String(apiPort),
};

/** A request to the catalog from a helper container in the pod (the catalog image has Java, no HTTP client); status and body. */
async function catalogRequest(method: string, path: string, body?: object): Promise<{ status: number; body: Record<string, unknown> }> {
  const script = [
    'import json, sys, urllib.request, urllib.error',
    'method, url, body = sys.argv[1], sys.argv[2], sys.stdin.read()',
    'request = urllib.request.Request(url, data=body.encode() if body else None, method=method, headers={"Content-Type": "application/json"})',
    'try:',
    '    response = urllib.request.urlopen(request, timeout=20); status, text = response.status, response.read().decode()',
    'except urllib.error.HTTPError as error:',
    '    status, text = error.code, error.read().decode()',
    'print(json.dumps({"status": status, "body": json.loads(text) if text else {}}))',
  ].join('\n');
  const output = await podman(['run', '--rm', '-i', ...network().member, '--read-only', images.dagster, 'python', '-c', script, method, `http://127.0.0.1:${apiPort}${path}`], body ? JSON.stringify(body) : '');
  return JSON.parse(output) as { status: number; body: Record<string, unknown> };
}

const prefix = `floe-stand-in-iceberg-rest-${process.pid}`;
const names = { postgres: `${prefix}-postgres`, catalog: `${prefix}-catalog` };
let work = '';
/** The catalog, its database and the request helper share the database container's network namespace. */
const network = () => sharedNetwork(names.postgres, join(work, 'hosts'));

describe(`the iceberg-rest stand-in (${images['iceberg-rest']}) run with the catalog's rendered security context, on the postgres stand-in`, () => {
  const startCatalog = async () => {
    await podman(['run', '-d', '--name', names.catalog, ...network().member, ...podmanRunFlags({ ...polaris, container: { ...polaris.container, env: [], command: undefined } }, { env: catalogEnv }), images['iceberg-rest']]);
    await eventually(() => catalogRequest('GET', '/v1/config').then((response) => (response.status === 200 ? response : Promise.reject(new Error(String(response.status))))), 90_000, () => logTail(names.catalog), 2000);
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'floe-stand-in-iceberg-rest-'));
    chmodSync(work, 0o755);
    writeFileSync(join(work, 'hosts'), '127.0.0.1 localhost\n');
    const data = claimDir(work, 'data', postgres.pod.securityContext.fsGroup);
    const secrets = { [`${postgres.workload.metadata.name}/password`]: password };
    await podman(['run', '-d', '--name', names.postgres, ...network().owner, ...podmanRunFlags(postgres, { secrets, volumes: { data } }), images.postgres]);
    await eventually(() => podman(['exec', names.postgres, ...postgres.container.readinessProbe!.exec!.command]), 60_000, () => logTail(names.postgres));
    await startCatalog();
  });

  afterAll(async () => {
    await removeContainers(Object.values(names).reverse());
    rmSync(work, { recursive: true, force: true });
  });

  it('answers GET /v1/config on the catalog port, as the rendered uid on a read-only root', async () => {
    const config = await catalogRequest('GET', '/v1/config');
    expect(config.status).toBe(200);
    expect(config.body).toHaveProperty('defaults');
    expect(config.body).toHaveProperty('overrides');
    const identity = await podman(['exec', names.catalog, 'sh', '-c', 'id -u; id -g; touch /opt/probe 2>/dev/null && echo writable || echo read-only']);
    expect(identity.trim().split('\n')).toEqual([String(polaris.pod.securityContext.runAsUser), String(polaris.pod.securityContext.runAsGroup), 'read-only']);
  });

  it('creates a namespace with properties, lists it and keeps it in PostgreSQL across a restart of the catalog', async () => {
    const created = await catalogRequest('POST', '/v1/namespaces', { namespace: ['marts'], properties: { owner: 'data-platform' } });
    expect(created.status).toBe(200);
    await podman(['rm', '-f', '-t', '10', names.catalog]);
    await startCatalog();
    const listed = await catalogRequest('GET', '/v1/namespaces');
    expect(listed.body['namespaces']).toEqual([['marts']]);
    const loaded = await catalogRequest('GET', '/v1/namespaces/marts');
    expect(loaded.body['properties']).toMatchObject({ owner: 'data-platform' });
    const rows = await podman(['exec', '-e', `PGPASSWORD=${password}`, names.postgres, 'psql', '-h', '127.0.0.1', '-U', catalogEnv.CATALOG_JDBC_USER, '-d', postgresEnv['POSTGRES_DB']!, '-tAc', "SELECT count(*) FROM iceberg_namespace_properties WHERE namespace = 'marts'"]);
    expect(Number(rows.trim())).toBeGreaterThan(0);
  });

  it('answers errors as the REST contract says: 409 for an existing namespace, 404 for a missing one', async () => {
    const again = await catalogRequest('POST', '/v1/namespaces', { namespace: ['marts'] });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { type: 'AlreadyExistsException' } });
    const missing = await catalogRequest('GET', '/v1/namespaces/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { type: 'NoSuchNamespaceException' } });
  });
});

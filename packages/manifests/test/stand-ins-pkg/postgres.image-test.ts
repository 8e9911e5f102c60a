import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { examplePlatform } from '../fixtures.js';
import { containerLog, eventually, logTail, podman, removeContainers } from '../containers/podman.js';
import { claimDir, podmanRunFlags, renderedContainer, type RenderedContainer } from '../containers/rendered-container.js';

const image = inject('standInImages').postgres;
const rendered = renderPlatform(examplePlatform()).objects;
const postgres: RenderedContainer = renderedContainer(rendered, 'acme-data-dagster-postgresql', 'postgres');
const env = Object.fromEntries((postgres.container.env ?? []).filter((entry) => entry.value !== undefined).map((entry) => [entry.name, entry.value!]));
const user = env['POSTGRES_USER']!;
const database = env['POSTGRES_DB']!;
const password = `pw-${process.pid}-${Date.now()}`;
const probe = postgres.container.readinessProbe!.exec!.command;

describe(`the postgres stand-in (${image}) run as the rendered dagster-postgresql StatefulSet`, () => {
  const name = `floe-stand-in-postgres-${process.pid}`;
  let work = '';
  let flags: string[] = [];

  const ready = () => eventually(() => podman(['exec', name, ...probe]), 60_000, () => logTail(name));
  const psql = (sql: string, secret = password) =>
    podman(['exec', '-e', `PGPASSWORD=${secret}`, name, 'psql', '--no-psqlrc', '-h', '127.0.0.1', '-U', user, '-d', database, '-tA', '-v', 'ON_ERROR_STOP=1', '-c', sql]);

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'floe-stand-in-postgres-'));
    chmodSync(work, 0o755);
    const data = claimDir(work, 'data', postgres.pod.securityContext.fsGroup);
    const initdb = join(work, 'initdb');
    claimDir(work, 'initdb', postgres.pod.securityContext.fsGroup);
    writeFileSync(join(initdb, '10-seed.sql'), 'CREATE TABLE seeded (id int); INSERT INTO seeded VALUES (42);\n');
    // A script that is sourced (not executable) sees the entrypoint's environment.
    writeFileSync(join(initdb, '20-marker.sh'), 'psql --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -c "CREATE TABLE marker AS SELECT current_user AS who"\n');
    flags = [
      ...podmanRunFlags(postgres, { secrets: { [`${postgres.workload.metadata.name}/password`]: password }, volumes: { data } }),
      '-v', `${initdb}:/docker-entrypoint-initdb.d:ro`,
    ];
    await podman(['run', '-d', '--name', name, ...flags, image]);
    await ready();
  });

  afterAll(async () => {
    await removeContainers([name]);
    rmSync(work, { recursive: true, force: true });
  });

  it('passes the rendered pg_isready probe', async () => {
    expect(probe[0]).toBe('pg_isready');
    await expect(podman(['exec', name, ...probe])).resolves.toContain('accepting connections');
  });

  it('accepts the rendered user and password over TCP (scram-sha-256), and refuses a wrong password', async () => {
    expect((await psql('SELECT 1')).trim()).toBe('1');
    expect((await psql("SELECT auth_method FROM pg_hba_file_rules WHERE address = 'all'")).trim()).toBe('scram-sha-256');
    await expect(psql('SELECT 1', 'not-the-password')).rejects.toThrow(/password authentication failed/);
  });

  it('ran the /docker-entrypoint-initdb.d scripts (.sql and a sourced .sh) in POSTGRES_DB', async () => {
    expect((await psql('SELECT id FROM seeded')).trim()).toBe('42');
    expect((await psql('SELECT who FROM marker')).trim()).toBe(user);
  });

  it('runs as the rendered uid on a read-only root, with its cluster under the volume and listening on all addresses', async () => {
    const script = 'id -u; touch /usr/probe 2>/dev/null && echo writable || echo read-only';
    expect((await podman(['exec', name, 'sh', '-c', script])).trim().split('\n')).toEqual([String(postgres.pod.securityContext.runAsUser), 'read-only']);
    expect((await psql('SHOW data_directory')).trim()).toBe('/var/lib/postgresql/15/docker');
    expect((await psql('SHOW listen_addresses')).trim()).toBe('*');
  });

  it('shuts down fast on SIGINT (the image\'s stop signal) and keeps the data across a restart, without a second initdb', async () => {
    const stopSignal = (await podman(['image', 'inspect', '--format', '{{.Config.StopSignal}}', image])).trim();
    expect(stopSignal).toBe('SIGINT');
    await psql('INSERT INTO seeded VALUES (43)');
    await podman(['stop', '-t', '30', name]);
    expect(await containerLog(name, 10)).toContain('received fast shutdown request');
    await podman(['start', name]);
    await ready();
    expect((await psql('SELECT count(*) FROM seeded')).trim()).toBe('2');
    expect((await containerLog(name)).match(/initializing a new cluster/g)).toHaveLength(1);
  });
});

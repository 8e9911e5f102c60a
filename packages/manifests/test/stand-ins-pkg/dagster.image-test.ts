import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderPlatform } from '../../src/render/render-platform.js';
import { examplePlatform } from '../fixtures.js';
import { eventually, logTail, podman, removeContainers, sharedNetwork } from '../containers/podman.js';
import { claimDir, podmanRunFlags, renderedContainer } from '../containers/rendered-container.js';

const images = inject('standInImages');
const rendered = renderPlatform(examplePlatform()).objects;
const webserver = renderedContainer(rendered, 'acme-data-dagster-webserver', 'webserver');
const daemon = renderedContainer(rendered, 'acme-data-dagster-daemon', 'daemon');
const postgres = renderedContainer(rendered, 'acme-data-dagster-postgresql', 'postgres');
const instanceConfigMap = rendered.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-dagster-instance' && object.metadata.namespace === webserver.workload.metadata.namespace)!;
const dagsterYaml = (instanceConfigMap['data'] as Record<string, string>)['dagster.yaml']!;
const databaseHost = /hostname: (\S+)/.exec(dagsterYaml)![1]!;
const password = `pw-${process.pid}-${Date.now()}`;
const secrets = { [`${postgres.workload.metadata.name}/password`]: password };

/** A trivial code location, loaded from a file (the floe-dagster code location is its own image's test). */
const definitions = [
  'from dagster import Definitions, job, op',
  '',
  '@op',
  'def hello():',
  '    return 1',
  '',
  '@job',
  'def stand_in_smoke():',
  '    hello()',
  '',
  'defs = Definitions(jobs=[stand_in_smoke])',
  '',
].join('\n');
const workspaceYaml = 'load_from:\n  - python_file:\n      relative_path: trivial.py\n      location_name: stand-in-smoke\n';

/** An HTTP request from inside the webserver's container (the image has Python, no curl); the response body. */
const httpInside = (container: string, path: string, body?: object) => {
  const script = [
    'import json, sys, urllib.request',
    'body = sys.stdin.read()',
    `request = urllib.request.Request("http://127.0.0.1:3000${path}", data=body.encode() if body else None, headers={"Content-Type": "application/json"})`,
    'print(urllib.request.urlopen(request, timeout=10).read().decode())',
  ].join('\n');
  return podman(['exec', '-i', container, 'python', '-c', script], body ? JSON.stringify(body) : '');
};

describe(`the dagster stand-in (${images.dagster}) run as the rendered webserver and daemon, on the postgres stand-in`, () => {
  const prefix = `floe-stand-in-dagster-${process.pid}`;
  const names = { postgres: `${prefix}-postgres`, webserver: `${prefix}-webserver`, daemon: `${prefix}-daemon` };
  let work = '';
  let flagsFor: (which: typeof webserver) => string[] = () => [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'floe-stand-in-dagster-'));
    chmodSync(work, 0o755);
    const instance = join(work, 'instance');
    const workspace = join(work, 'workspace');
    // What the kubelet mounts for automountServiceAccountToken: the rendered
    // K8sRunLauncher loads the in-cluster config (it talks to no API server here).
    const serviceAccount = join(work, 'serviceaccount');
    for (const dir of [instance, workspace, serviceAccount]) mkdirSync(dir, { mode: 0o755 });
    writeFileSync(join(instance, 'dagster.yaml'), dagsterYaml);
    writeFileSync(join(workspace, 'workspace.yaml'), workspaceYaml);
    writeFileSync(join(workspace, 'trivial.py'), definitions);
    for (const file of ['token', 'ca.crt', 'namespace']) writeFileSync(join(serviceAccount, file), file === 'namespace' ? 'floe-platform' : 'stand-in-test');
    const hosts = join(work, 'hosts');
    // dagster.yaml's database host resolves to the shared loopback, as its Service would route to the pod.
    writeFileSync(hosts, `127.0.0.1 localhost ${databaseHost}\n`);
    const network = sharedNetwork(names.postgres, hosts);
    flagsFor = (which) => [
      ...network.member,
      ...podmanRunFlags(which, { secrets, volumes: { instance, workspace }, env: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' } }),
      '-v', `${serviceAccount}:/var/run/secrets/kubernetes.io/serviceaccount:ro`,
    ];
    const data = claimDir(work, 'data', postgres.pod.securityContext.fsGroup);
    await podman(['run', '-d', '--name', names.postgres, ...network.owner, ...podmanRunFlags(postgres, { secrets, volumes: { data } }), images.postgres]);
    await eventually(() => podman(['exec', names.postgres, ...postgres.container.readinessProbe!.exec!.command]), 60_000, () => logTail(names.postgres));
    await podman(['run', '-d', '--name', names.webserver, ...flagsFor(webserver), images.dagster]);
    await podman(['run', '-d', '--name', names.daemon, ...flagsFor(daemon), images.dagster]);
    await eventually(() => httpInside(names.webserver, webserver.container.readinessProbe!.httpGet!.path), 240_000, () => logTail(names.webserver), 2000);
  });

  afterAll(async () => {
    await removeContainers(Object.values(names).reverse());
    rmSync(work, { recursive: true, force: true });
  });

  it('installs the pins of its lock, which agree with the code location\'s lock wherever both pin a package', async () => {
    const pins = (text: string) => new Map(text.split('\n').filter((line) => /^[A-Za-z0-9]/.test(line)).map((line) => {
      const [name, version] = line.split('==');
      return [name!.toLowerCase().replaceAll('_', '-'), version!.trim()] as const;
    }));
    const repo = fileURLToPath(new URL('../../../../', import.meta.url));
    const standIn = pins(readFileSync(join(repo, 'images/stand-ins/dagster/requirements.txt'), 'utf8'));
    const codeLocation = pins(readFileSync(join(repo, 'orchestrator/dagster-floe/requirements.txt'), 'utf8'));
    const shared = [...standIn.keys()].filter((name) => codeLocation.has(name));
    expect(shared).toEqual(expect.arrayContaining(['dagster', 'dagster-k8s', 'dagster-postgres', 'grpcio', 'sqlalchemy']));
    expect(Object.fromEntries(shared.map((name) => [name, standIn.get(name)]))).toEqual(Object.fromEntries(shared.map((name) => [name, codeLocation.get(name)])));
    const installed = pins(await podman(['run', '--rm', '--network', 'none', images.dagster, 'pip', 'freeze', '--disable-pip-version-check']));
    expect(Object.fromEntries(installed)).toEqual(Object.fromEntries(standIn));
  });

  it('answers the rendered /server_info probe with dagster-webserver 1.13.27', async () => {
    const info = JSON.parse(await httpInside(names.webserver, webserver.container.readinessProbe!.httpGet!.path)) as Record<string, string>;
    expect(info['dagster_webserver_version']).toBe('1.13.27');
    expect(info['dagster_version']).toBe('1.13.27');
  });

  it('answers GraphQL with the workspace\'s repository and job, its run storage in PostgreSQL', async () => {
    const query = '{ repositoriesOrError { ... on RepositoryConnection { nodes { name location { name } jobs { name } } } } instance { runLauncher { name } } }';
    const result = await eventually(async () => {
      const response = JSON.parse(await httpInside(names.webserver, '/graphql', { query })) as { data: { repositoriesOrError: { nodes: { name: string; location: { name: string }; jobs: { name: string }[] }[] }; instance: { runLauncher: { name: string } } } };
      if (response.data.repositoriesOrError.nodes.length === 0) throw new Error('no repositories yet');
      return response.data;
    }, 60_000, () => logTail(names.webserver));
    expect(result.repositoriesOrError.nodes.map((node) => [node.location.name, node.jobs.map((job) => job.name)])).toEqual([['stand-in-smoke', ['stand_in_smoke']]]);
    expect(result.instance.runLauncher.name).toBe('K8sRunLauncher');
    const tables = await podman(['exec', '-e', `PGPASSWORD=${password}`, names.postgres, 'psql', '-h', '127.0.0.1', '-U', 'dagster', '-d', 'dagster', '-tAc', "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('runs', 'event_logs', 'daemon_heartbeats')"]);
    expect(tables.trim()).toBe('3');
  });

  it('runs the daemon until the rendered liveness check passes (every daemon heartbeats into PostgreSQL)', async () => {
    const probe = daemon.container.livenessProbe as unknown as { exec: { command: string[] } };
    const output = await eventually(() => podman(['exec', names.daemon, ...probe.exec.command]), 240_000, () => logTail(names.daemon), 5000);
    expect(output.trim()).toBe('Daemon live');
    expect((await podman(['exec', names.daemon, 'id', '-u'])).trim()).toBe(String(daemon.pod.securityContext.runAsUser));
    // The daemons dagster.yaml asks for, the run monitor (K8sRunLauncher) among them.
    const heartbeats = await eventually(async () => {
      const types = (await podman(['exec', '-e', `PGPASSWORD=${password}`, names.postgres, 'psql', '-h', '127.0.0.1', '-U', 'dagster', '-d', 'dagster', '-tAc', 'SELECT DISTINCT daemon_type FROM daemon_heartbeats ORDER BY 1'])).trim().split('\n');
      if (!types.includes('MONITORING')) throw new Error(`heartbeats so far: ${types.join(', ')}`);
      return types;
    }, 120_000, () => logTail(names.daemon), 5000);
    expect(heartbeats).toEqual(expect.arrayContaining(['MONITORING', 'QUEUED_RUN_COORDINATOR', 'SCHEDULER', 'SENSOR']));
  });
});

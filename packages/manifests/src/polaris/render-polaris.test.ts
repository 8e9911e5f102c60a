import { describe, expect, it } from 'vitest';
import { examplePlatform, examplePlatformText, platformFromText, podTemplates, type PodTemplateView } from '../../test/fixtures.js';
import { renderPlatform } from '../render/render-platform.js';

const objects = renderPlatform(examplePlatform()).objects;
const config = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-data-polaris-config')!['data'] as Record<string, string>;
const pods = podTemplates(objects);
const pod = (name: string): PodTemplateView => pods.find((candidate) => candidate.owner.metadata.name === name)
  ?? pods.find((candidate) => candidate.owner.kind === 'Job' && candidate.owner.metadata.name.startsWith(`${name}-`))!;
const envNames = (view: PodTemplateView) => (view.spec.containers[0]!.env ?? []).map((entry) => entry.name);

/**
 * Polaris 1.7.0's settings as its own sources name them (apache/polaris at
 * tag apache-polaris-1.7.0): helm/polaris/templates/configmap.yaml and
 * deployment.yaml, runtime/defaults/src/main/resources/application.properties,
 * runtime/service/.../AuthenticationRealmConfiguration.java and
 * StorageConfiguration.java. The chart passes them as env named exactly like
 * the property; the docs (configuring-polaris.md) warn that the uppercase
 * forms are unreliable for realm-keyed maps such as polaris.authentication.
 */
describe('Polaris settings, checked against Polaris 1.7.0', () => {
  it.each([
    ['polaris.persistence.type', 'relational-jdbc'],
    ['quarkus.datasource.jdbc.url', 'jdbc:postgresql://acme-data-polaris-postgresql.floe-platform.svc:5432/polaris?sslmode=disable'],
    ['quarkus.datasource.username', 'polaris'],
    ['polaris.realm-context.realms', 'acme'],
    ['polaris.authentication.token-broker.type', 'symmetric-key'],
    ['quarkus.log.file.enabled', 'false'],
    ['quarkus.log.console.json.enabled', 'true'],
  ])('configures %s=%s under its property name', (key, value) => {
    expect(config[key]).toBe(value);
  });

  it('uses no uppercase or misspelt form of a Polaris or Quarkus property (QUARKUS_LOG_CONSOLE_JSON is no Quarkus property)', () => {
    expect(Object.keys(config).filter((key) => /^(POLARIS|QUARKUS)_/.test(key))).toEqual([]);
    for (const name of envNames(pod('acme-data-polaris'))) expect(name).not.toMatch(/^(POLARIS|QUARKUS)_/);
    expect(envNames(pod('acme-data-polaris-bootstrap'))).toContain('quarkus.datasource.password');
  });

  it('leaves the build-time quarkus.datasource.db-kind to the images (postgresql in both)', () => {
    expect(Object.keys(config)).not.toContain('quarkus.datasource.db-kind');
  });

  it('gives the server its database password, the shared token key and the object storage keys from Secrets', () => {
    const env = pod('acme-data-polaris').spec.containers[0]!.env!;
    expect(env.map((entry) => [entry.name, (entry.valueFrom as { secretKeyRef: { name: string } }).secretKeyRef.name])).toEqual([
      ['quarkus.datasource.password', 'acme-data-polaris-postgresql'],
      ['polaris.authentication.token-broker.symmetric-key.secret', 'acme-data-polaris-token-key'],
      ['polaris.storage.aws.access-key', 'acme-data-minio-credentials'],
      ['polaris.storage.aws.secret-key', 'acme-data-minio-credentials'],
    ]);
  });

  it('probes the Quarkus health endpoints on the management port 8182 and serves the API on 8181, as the chart does', () => {
    const [server] = pod('acme-data-polaris').spec.containers;
    expect(server!['ports']).toEqual([{ name: 'http', containerPort: 8181, protocol: 'TCP' }, { name: 'management', containerPort: 8182, protocol: 'TCP' }]);
    expect(server!.livenessProbe).toMatchObject({ httpGet: { path: '/q/health/live', port: 'management' } });
    expect(server!.readinessProbe).toMatchObject({ httpGet: { path: '/q/health/ready', port: 'management' } });
  });

  it('runs as the images\' user (uid 10000, gid 10001, fsGroup 10001) with a writable /tmp', () => {
    for (const name of ['acme-data-polaris', 'acme-data-polaris-bootstrap']) {
      expect(pod(name).spec.securityContext).toMatchObject({ runAsUser: 10000, runAsGroup: 10001, fsGroup: 10001 });
      expect(pod(name).spec.containers[0]!.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    }
  });

  it('bootstraps the realm with the admin tool\'s own entrypoint and options (bootstrap --realm --credential realm,id,secret)', () => {
    const [bootstrap] = pod('acme-data-polaris-bootstrap').spec.containers;
    const script = (bootstrap!['command'] as string[]).join(' ');
    expect(script).toContain('/opt/jboss/container/java/run/run-java.sh bootstrap --realm="$POLARIS_REALM" --credential="$POLARIS_REALM,$ROOT_CLIENT_ID,$ROOT_CLIENT_SECRET"');
    expect(bootstrap!['envFrom']).toEqual([{ configMapRef: { name: 'acme-data-polaris-config' } }]);
  });

  it('waits for the in-cluster database itself (pg_isready against the Service the server uses, as the admin tool\'s user), so it starts with the first workloads', () => {
    const view = pod('acme-data-polaris-bootstrap');
    const [wait] = (view.spec['initContainers'] ?? []) as { name: string; image: string; command: string[]; env: { name: string; value: string }[]; securityContext: Record<string, unknown> }[];
    expect(wait).toMatchObject({ name: 'wait-for-database', image: 'postgres:18.1', securityContext: { runAsUser: 10000, readOnlyRootFilesystem: true } });
    expect(wait!.command.join(' ')).toContain('until pg_isready -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$PGDATABASE"');
    expect(Object.fromEntries(wait!.env.map((entry) => [entry.name, entry.value]))).toEqual({ PGHOST: 'acme-data-polaris-postgresql.floe-platform.svc', PGPORT: '5432', PGUSER: 'polaris', PGDATABASE: 'polaris' });
    expect(config['quarkus.datasource.jdbc.url']).toContain('//acme-data-polaris-postgresql.floe-platform.svc:5432/polaris?');
    expect(view.owner.metadata.annotations).toMatchObject({ 'floe.dev/waits-for-dependencies': 'itself' });
  });

  it('with an external database, neither waits for it nor says it does: floe does not start that server', () => {
    const text = examplePlatformText().replace('    database:\n      type: inCluster\n      storage:\n        size: 5Gi\n', '    database:\n      type: external\n      host: pg.acme.example\n      database: polaris\n      user: polaris\n      passwordSecretRef: { name: polaris-db, key: password }\n');
    expect(text).toContain('host: pg.acme.example');
    const external = renderPlatform(platformFromText(text)).objects;
    const job = external.find((object) => object.kind === 'Job' && object.metadata.name.startsWith('acme-data-polaris-bootstrap-'))!;
    expect((job['spec'] as { template: { spec: Record<string, unknown> } }).template.spec['initContainers']).toBeUndefined();
    expect(job.metadata.annotations?.['floe.dev/waits-for-dependencies']).toBeUndefined();
    expect(external.some((object) => object.metadata.name === 'acme-data-polaris-postgresql')).toBe(false);
  });
});

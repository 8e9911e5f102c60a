import { describe, expect, it } from 'vitest';
import { examplePlatform, podTemplates, type PodTemplateView } from '../../test/fixtures.js';
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
});

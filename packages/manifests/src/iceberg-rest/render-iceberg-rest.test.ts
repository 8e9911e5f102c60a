import { describe, expect, it } from 'vitest';
import { examplePlatformText, localExamplePlatform, platformFromText, podTemplates } from '../../test/fixtures.js';
import { trafficFlows } from '../network/traffic-flows.js';
import { platformConfigMap } from '../platform-config/platform-config-map.js';
import { renderPlatform } from '../render/render-platform.js';

const platform = localExamplePlatform();
const objects = renderPlatform(platform).objects;
const config = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === 'acme-local-iceberg-rest-config')!['data'] as Record<string, string>;
const server = podTemplates(objects).find((view) => view.owner.metadata.name === 'acme-local-iceberg-rest')!;

/**
 * The reference server (org.apache.iceberg.rest.RESTCatalogServer, iceberg-open-api
 * 1.10.1 test fixtures) reads its catalog properties from the environment:
 * prefix CATALOG_, `__` for `-`, `_` for `.` (as /work/shared/docs/lakehouse.md
 * records from running it); the JDBC catalog takes uri, jdbc.user and
 * jdbc.password, S3FileIO takes s3.endpoint, s3.path-style-access,
 * s3.access-key-id and s3.secret-access-key.
 */
describe('the iceberg-rest catalog', () => {
  it.each([
    ['CATALOG_URI', 'jdbc:postgresql://acme-local-iceberg-rest-postgresql.floe-local-platform.svc:5432/iceberg?sslmode=disable'],
    ['CATALOG_JDBC_USER', 'iceberg'],
    ['CATALOG_WAREHOUSE', 's3://lakehouse/'],
    ['CATALOG_IO__IMPL', 'org.apache.iceberg.aws.s3.S3FileIO'],
    ['CATALOG_S3_ENDPOINT', 'http://acme-local-minio.floe-local-platform.svc:9000'],
    ['CATALOG_S3_PATH__STYLE__ACCESS', 'true'],
    ['CATALOG_REST_PORT', '8181'],
  ])('configures %s=%s', (key, value) => {
    expect(config[key]).toBe(value);
  });

  it('takes the database password and the storage keys from Secrets, never from the ConfigMap', () => {
    const env = server.spec.containers[0]!.env ?? [];
    const fromSecret = env.filter((entry) => entry.valueFrom !== undefined).map((entry) => entry.name).sort();
    expect(fromSecret).toEqual(['CATALOG_JDBC_PASSWORD', 'CATALOG_S3_ACCESS__KEY__ID', 'CATALOG_S3_SECRET__ACCESS__KEY']);
    expect(Object.keys(config).filter((key) => /PASSWORD|SECRET|ACCESS__KEY/.test(key))).toEqual([]);
  });

  it('gives the step pods its REST base URI and client credentials through the platform ConfigMap', () => {
    const data = platformConfigMap(platform)['data'] as Record<string, string>;
    expect(data['FLOE_CATALOG_URI']).toBe('http://acme-local-iceberg-rest.floe-local-platform.svc:8181');
    expect(data['FLOE_CATALOG_CREDENTIALS_SECRET']).toBe('acme-local-iceberg-rest-client');
    expect(renderPlatform(platform).generatedCredentials.map((credential) => credential.secretName)).toContain('acme-local-iceberg-rest-client');
  });

  it('opens exactly the flows it needs: its database, object storage, and step pods to its API', () => {
    const flows = trafficFlows(platform).flows.filter((flow) => flow.to !== 'outside' && (flow.to.app.name === 'iceberg-rest' || flow.from.app.name === 'iceberg-rest'));
    const described = flows.map((flow) => `${flow.from.app.name}/${flow.from.app.component} -> ${flow.to === 'outside' ? 'outside' : `${flow.to.app.name}/${flow.to.app.component}`}:${flow.ports.join(',')}`);
    expect(described.sort()).toEqual([
      'floe-job/pipeline-step -> iceberg-rest/catalog:8181',
      'iceberg-rest/catalog -> iceberg-rest/database:5432',
      'iceberg-rest/catalog -> minio/storage:9000',
    ]);
  });

  it('renders nothing of Polaris', () => {
    expect(objects.filter((object) => object.metadata.name.includes('polaris'))).toEqual([]);
  });

  it('is refused with gcs or adls storage (S3FileIO only), naming the field', () => {
    const text = examplePlatformText()
      .replace('    type: polaris\n    realm: acme\n', '    type: iceberg-rest\n')
      .replace(/ {2}storage:\n {4}type: minio\n {4}buckets: \[lakehouse, artifacts\]\n {4}storage:\n {6}size: 20Gi\n/, '  storage:\n    type: gcs\n    bucket: lakehouse\n');
    expect(() => platformFromText(text)).toThrow(/spec\.catalog\.type.*minio or s3/s);
  });
});

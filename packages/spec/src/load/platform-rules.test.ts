import { describe, expect, it } from 'vitest';
import { issuesOf, yaml } from '../../test/issues-of.js';
import { parsePlatformSpec } from '../index.js';

const header = 'apiVersion: floe.dev/v1\nkind: Platform\n';

describe('Platform validation', () => {
  it('rejects an unknown field with its position and a did-you-mean', () => {
    const issues = issuesOf(yaml`
      apiVersion: floe.dev/v1
      kind: Platform
      metadata:
        name: acme
      spec:
        orchestrator:
          webserver:
            replicaz: 2
    `);
    expect(issues).toEqual([
      expect.objectContaining({
        file: 'spec.yaml', line: 8, column: 7, rule: 'unknown-field',
        path: 'spec.orchestrator.webserver.replicaz',
        message: 'unknown field "replicaz"', hint: 'did you mean "replicas"?',
      }),
    ]);
  });

  it('rejects a platform name that is not a DNS-1123 label', () => {
    const [issue] = issuesOf(`${header}metadata:\n  name: Acme_Data\n`);
    expect(issue).toMatchObject({ line: 4, column: 9, rule: 'invalid-name', path: 'metadata.name' });
    expect(issue?.message).toContain('"Acme_Data" must be a DNS-1123 label');
  });

  it('rejects an invalid Kubernetes quantity', () => {
    const [issue] = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  jobs:\n    resources:\n      limits:\n        memory: 4 GB\n`);
    expect(issue).toMatchObject({ line: 9, column: 17, rule: 'invalid-quantity', path: 'spec.jobs.resources.limits.memory' });
    expect(issue?.message).toBe('"4 GB" is not a Kubernetes quantity');
  });

  it('rejects an invalid image reference', () => {
    const [issue] = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  catalog:\n    image: Apache/Polaris:1.7.0\n`);
    expect(issue).toMatchObject({ line: 7, column: 12, rule: 'invalid-image', path: 'spec.catalog.image' });
  });

  it('rejects an inline password without printing it', () => {
    const issues = issuesOf(yaml`
      apiVersion: floe.dev/v1
      kind: Platform
      metadata:
        name: acme
      spec:
        orchestrator:
          database:
            type: external
            host: db.internal
            database: dagster
            user: dagster
            password: hunter2-very-secret
            passwordSecretRef: { name: dagster-db, key: password }
    `);
    expect(issues).toEqual([
      expect.objectContaining({ line: 12, column: 17, rule: 'inline-credential', path: 'spec.orchestrator.database.password' }),
    ]);
    expect(JSON.stringify(issues)).not.toContain('hunter2');
  });

  it('rejects a connection URL carrying a password', () => {
    const issues = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  observability:\n    collector:\n      exporters:\n        - type: otlphttp\n          endpoint: https://user:s3cret@collector.example.com\n`);
    expect(issues[0]).toMatchObject({ line: 10, rule: 'inline-credential', message: 'a URL with a password in it is written inline (value not shown)' });
    expect(JSON.stringify(issues)).not.toContain('s3cret');
  });

  it('rejects a component whose dependency is disabled', () => {
    const issues = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  observability:\n    grafana:\n      enabled: true\n`);
    expect(issues).toEqual([
      expect.objectContaining({ line: 8, column: 16, rule: 'component-requires', message: 'Grafana requires Prometheus, which is disabled' }),
    ]);
  });

  it('reports a disabled dependency in the same pass as an invalid field elsewhere', () => {
    const issues = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  upgrades:\n    strategy: canary\n  observability:\n    grafana:\n      enabled: true\n`);
    expect(issues.map((issue) => issue.rule).sort()).toEqual(['component-requires', 'invalid-value']);
  });

  it('rejects the catalog without storage', () => {
    const issues = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  storage:\n    type: minio\n    enabled: false\n`);
    expect(issues.map((issue) => issue.rule)).toEqual(['component-requires']);
    expect(issues[0]?.message).toBe('the catalog requires storage, which is disabled');
  });

  it('names a wrong discriminator and suggests the close one', () => {
    const [issue] = issuesOf(`${header}metadata:\n  name: acme\nspec:\n  storage:\n    type: s4\n`);
    expect(issue).toMatchObject({ line: 7, column: 11, rule: 'invalid-value', message: 'type "s4" is not one of minio, s3, gcs, adls', hint: 'did you mean "s3"?' });
  });

  it('reports a missing required field at its parent', () => {
    const [issue] = issuesOf(`${header}metadata:\n  environment: dev\n`);
    expect(issue).toMatchObject({ line: 4, column: 3, rule: 'missing-field', path: 'metadata.name' });
  });

  it('reports every issue, not just the first', () => {
    const issues = issuesOf(`${header}metadata:\n  name: BAD\nspec:\n  upgrades:\n    strategy: canary\n  networkPolicies:\n    enabld: true\n`);
    expect(issues.map((issue) => issue.rule).sort()).toEqual(['invalid-name', 'invalid-value', 'unknown-field']);
  });

  it('rejects YAML syntax errors and duplicate keys with positions', () => {
    expect(issuesOf(`${header}metadata:\n  name: a\n  name: b\n`)[0]).toMatchObject({ line: 5, column: 3, rule: 'yaml-syntax' });
    expect(issuesOf(`${header}metadata: [unclosed\n`)[0]).toMatchObject({ rule: 'yaml-syntax' });
  });

  it('rejects an unknown kind with a suggestion', () => {
    expect(issuesOf('apiVersion: floe.dev/v1\nkind: Platfrom\n')[0]).toMatchObject({ line: 2, column: 7, rule: 'unknown-kind', hint: 'did you mean "Platform"?' });
  });
});

describe('jobs.historySeconds', () => {
  it('keeps attempt reports a week by default and rejects a history shorter than the Jobs\' TTL', () => {
    const platform = (jobs: string) => `apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: acme\nspec:\n  jobs:\n${jobs}`;
    expect(issuesOf(platform('    ttlSecondsAfterFinished: 7200\n    historySeconds: 3600\n'))).toEqual([
      expect.objectContaining({ line: 8, column: 21, rule: 'history-shorter-than-ttl', path: 'spec.jobs.historySeconds' }),
    ]);
  });
});

describe('jobs.historySeconds default', () => {
  it('keeps reports a week, or as long as the Jobs when their TTL is longer', () => {
    const platform = (jobs: string) => parsePlatformSpec(`apiVersion: floe.dev/v1\nkind: Platform\nmetadata:\n  name: acme\nspec:\n  jobs: ${jobs}\n`);
    expect(platform('{}').spec.jobs.historySeconds).toBe(604800);
    expect(platform('{ ttlSecondsAfterFinished: 864000 }').spec.jobs.historySeconds).toBe(864000);
  });
});

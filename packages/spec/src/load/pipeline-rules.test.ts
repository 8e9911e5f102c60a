import { describe, expect, it } from 'vitest';
import { issuesOf } from '../../test/issues-of.js';

const header = 'apiVersion: floe.dev/v1\nkind: Pipeline\nmetadata:\n  name: orders\n  owner: data@acme.example\nspec:\n  platform: acme\n';

function steps(body: string): string {
  return `${header}  steps:\n${body}`;
}

describe('Pipeline validation', () => {
  it('rejects duplicate step names, pointing at the second', () => {
    const issues = issuesOf(steps('    - { name: load, type: dbt, command: run }\n    - { name: load, type: dbt, command: test }\n'));
    expect(issues).toEqual([
      expect.objectContaining({ line: 10, column: 15, rule: 'duplicate-step', path: 'spec.steps[1].name', message: 'duplicate step name "load" (first used by steps[0])' }),
    ]);
  });

  it('rejects dependsOn to a missing step with a suggestion', () => {
    const issues = issuesOf(steps('    - { name: ingest, type: dbt, command: seed }\n    - { name: build, type: dbt, command: build, dependsOn: [ingset] }\n'));
    expect(issues).toEqual([
      expect.objectContaining({ line: 10, column: 61, rule: 'unknown-dependency', message: 'step "build" depends on "ingset", which is not a step of this pipeline', hint: 'did you mean "ingest"?' }),
    ]);
  });

  it('rejects a dependency cycle and names it', () => {
    const issues = issuesOf(steps(
      '    - { name: a, type: dbt, command: run, dependsOn: [c] }\n' +
      '    - { name: b, type: dbt, command: run, dependsOn: [a] }\n' +
      '    - { name: c, type: dbt, command: run, dependsOn: [b] }\n',
    ));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 9, rule: 'dependency-cycle', message: 'dependency cycle: a -> c -> b -> a', path: 'spec.steps[0].dependsOn' });
  });

  it('rejects a step that depends on itself', () => {
    const issues = issuesOf(steps('    - { name: a, type: dbt, command: run, dependsOn: [a] }\n'));
    expect(issues).toEqual([expect.objectContaining({ rule: 'dependency-cycle', message: 'step "a" depends on itself' })]);
  });

  it('rejects an invalid cron expression', () => {
    const issues = issuesOf(`${header}  schedule:\n    cron: "0 25 * * *"\n  steps:\n    - { name: a, type: dbt, command: run }\n`);
    expect(issues).toEqual([
      expect.objectContaining({ line: 9, column: 11, rule: 'invalid-cron', path: 'spec.schedule.cron', message: 'invalid cron "0 25 * * *": hour field: hour 25 is outside 0-23' }),
    ]);
  });

  it('rejects an invalid time zone with a suggestion', () => {
    const issues = issuesOf(`${header}  schedule:\n    cron: "@daily"\n    timezone: Europe/Berln\n  steps:\n    - { name: a, type: dbt, command: run }\n`);
    expect(issues).toEqual([
      expect.objectContaining({ line: 10, column: 15, rule: 'invalid-timezone', message: '"Europe/Berln" is not an IANA time zone; did you mean "Europe/Berlin"?' }),
    ]);
  });

  it('rejects a step name that is not DNS-1123', () => {
    const [issue] = issuesOf(steps('    - { name: Build_Models, type: dbt, command: run }\n'));
    expect(issue).toMatchObject({ line: 9, column: 15, rule: 'invalid-name', path: 'spec.steps[0].name' });
  });

  it('rejects a secret-looking env var with a plain value, and accepts it by reference', () => {
    const issues = issuesOf(steps('    - name: a\n      type: dbt\n      command: run\n      env:\n        - { name: WAREHOUSE_PASSWORD, value: pa55word }\n        - { name: API_TOKEN, secretKeyRef: { name: api, key: token } }\n'));
    expect(issues).toEqual([
      expect.objectContaining({ line: 13, column: 46, rule: 'inline-credential', path: 'spec.steps[0].env[0].value', message: 'the value of WAREHOUSE_PASSWORD is written inline (value not shown)' }),
    ]);
    expect(JSON.stringify(issues)).not.toContain('pa55word');
  });

  it('rejects env vars that would override floe settings', () => {
    const issues = issuesOf(steps('    - name: a\n      type: dbt\n      command: run\n      env: [{ name: OTEL_SERVICE_NAME, value: x }]\n'));
    expect(issues).toEqual([expect.objectContaining({ rule: 'reserved-env', path: 'spec.steps[0].env[0].name' })]);
  });

  it('rejects an invalid quantity in step resources', () => {
    const [issue] = issuesOf(steps('    - name: a\n      type: dbt\n      command: run\n      resources: { requests: { cpu: lots } }\n'));
    expect(issue).toMatchObject({ line: 12, column: 37, rule: 'invalid-quantity' });
  });

  it('rejects a merge ingestion without a primary key', () => {
    const [issue] = issuesOf(steps('    - name: a\n      type: ingestion\n      source: { type: filesystem, path: x.csv, format: csv }\n      dataset: raw\n      table: t\n      writeDisposition: merge\n'));
    expect(issue).toMatchObject({ rule: 'merge-needs-key', path: 'spec.steps[0].primaryKey' });
  });

  it('rejects an unknown step type with a suggestion', () => {
    const [issue] = issuesOf(steps('    - { name: a, type: dbtt, command: run }\n'));
    expect(issue).toMatchObject({ rule: 'invalid-value', path: 'spec.steps[0].type', hint: 'did you mean "dbt"?' });
  });

  it('rejects a quality step without checks', () => {
    const [issue] = issuesOf(steps('    - { name: a, type: quality, checks: [] }\n'));
    expect(issue).toMatchObject({ path: 'spec.steps[0].checks', message: 'a quality step needs at least one check' });
  });

  it('names a missing required enum field and the values it takes', () => {
    const issues = issuesOf(steps('    - { name: build, type: dbt }\n'));
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'missing-field', path: 'spec.steps[0].command', message: 'missing required field "command"', hint: 'add it: "run" or "build" or "test" or "seed" or "snapshot"' }),
    ]);
  });

  it('reports the graph rules in the same pass as invalid fields of the steps', () => {
    const issues = issuesOf(steps(
      '    - { name: a, type: dbt, command: run, timeoutSeconds: soon, dependsOn: [b] }\n' +
      '    - { name: b, type: dbt, command: sing, dependsOn: [a, ghost] }\n',
    ));
    expect(issues.map((issue) => issue.rule).sort()).toEqual(['dependency-cycle', 'invalid-value', 'unknown-dependency', 'wrong-type']);
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'unknown-dependency', path: 'spec.steps[1].dependsOn[1]' }));
    expect(issues).toContainEqual(expect.objectContaining({ rule: 'dependency-cycle', message: 'dependency cycle: a -> b -> a' }));
  });

  it('reports reserved env names and a merge without a key next to other invalid fields', () => {
    const issues = issuesOf(steps(
      '    - { name: a, type: dbt, command: run, unknownField: 1, env: [{ name: FLOE_STEP, value: x }] }\n' +
      '    - { name: b, type: ingestion, source: { type: rest, url: "https://api.example" }, dataset: Bad-Name, table: t, writeDisposition: merge }\n',
    ));
    expect(issues.map((issue) => issue.rule)).toEqual(expect.arrayContaining(['unknown-field', 'reserved-env', 'merge-needs-key']));
  });
});

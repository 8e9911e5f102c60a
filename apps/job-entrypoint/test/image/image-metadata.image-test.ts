import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { containerEngine } from './example-pod.js';

const engine = containerEngine();
const image = inject('floeJobImage');
const repoFile = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

interface ImageConfig {
  User: string;
  Entrypoint: string[];
  WorkingDir: string;
  Env: string[];
  Labels: Record<string, string>;
}
const config = JSON.parse(execFileSync(engine, ['image', 'inspect', '--format', '{{json .Config}}', image], { encoding: 'utf8' })) as ImageConfig;

describe('the runtime image', () => {
  it('runs floe-job as the numeric non-root user of the pod template', () => {
    expect(config.User).toBe('10001:10001');
    expect(config.Entrypoint).toEqual(['floe-job']);
  });

  it('carries OCI labels with the entrypoint package\'s version, the source and the revision', () => {
    const { version } = JSON.parse(repoFile('apps/job-entrypoint/package.json')) as { version: string };
    expect(config.Labels).toMatchObject({
      'org.opencontainers.image.version': version,
      'org.opencontainers.image.source': 'https://github.com/floe-dev/floe',
    });
    expect(config.Labels['org.opencontainers.image.revision']).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
  });

  it('has exactly the pinned dbt-core, dbt-duckdb, dlt and duckdb', () => {
    const pins = Object.fromEntries(repoFile('python/requirements.txt').split('\n')
      .filter((line) => /^(dbt-core|dbt-duckdb|dlt|duckdb)==/.test(line))
      .map((line) => line.split('==') as [string, string]));
    const script = 'import importlib.metadata as m, json, sys\nprint(json.dumps({p: m.version(p) for p in sys.argv[1:]}))';
    const installed = execFileSync(engine, ['run', '--rm', '--network', 'none', '--read-only', '--entrypoint', 'python', image, '-c', script, ...Object.keys(pins)], { encoding: 'utf8' });
    expect(Object.keys(pins)).toHaveLength(4);
    expect(JSON.parse(installed)).toEqual(pins);
  });

  it('ships floe-job with production dependencies only', () => {
    const listing = execFileSync(engine, ['run', '--rm', '--network', 'none', '--read-only', '--entrypoint', 'ls', image, '/opt/floe/job-entrypoint/node_modules', '/opt/floe/job-entrypoint/node_modules/@floe'], { encoding: 'utf8' });
    expect(listing).toContain('zod');
    expect(listing).not.toMatch(/vitest|typescript|tsup|eslint/);
  });
});

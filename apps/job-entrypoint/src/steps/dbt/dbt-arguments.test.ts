import type { DbtStep } from '@floe/spec';
import { describe, expect, it } from 'vitest';
import { dbtArguments } from './dbt-arguments.js';

const paths = { projectDir: '/opt/floe/dbt', profilesDir: '/tmp/p', targetPath: '/w/target', logPath: '/w/logs' };
const step: DbtStep = {
  name: 'build-models',
  type: 'dbt',
  command: 'build',
  dependsOn: [],
  env: [],
  select: ['+marts', 'tag:daily'],
  exclude: ['tag:deprecated'],
  fullRefresh: true,
  vars: { day: '2025-01-01', limit: 3 },
};

describe('dbtArguments', () => {
  it('passes selection, full refresh and vars, with JSON logs and writable paths', () => {
    expect(dbtArguments(step, 'prod', paths)).toEqual([
      'build',
      '--project-dir', '/opt/floe/dbt',
      '--profiles-dir', '/tmp/p',
      '--profile', 'floe',
      '--target', 'prod',
      '--target-path', '/w/target',
      '--log-path', '/w/logs',
      '--log-format', 'json',
      '--select', '+marts', 'tag:daily',
      '--exclude', 'tag:deprecated',
      '--full-refresh',
      '--vars', '{"day":"2025-01-01","limit":3}',
    ]);
  });

  it('leaves out --full-refresh for commands that do not take it', () => {
    expect(dbtArguments({ ...step, command: 'test' }, 'floe', paths)).not.toContain('--full-refresh');
  });
});

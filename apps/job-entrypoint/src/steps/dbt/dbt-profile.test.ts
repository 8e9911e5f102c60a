import { describe, expect, it } from 'vitest';
import { renderDbtProfile } from './dbt-profile.js';

describe('renderDbtProfile', () => {
  it('points the floe profile target at the DuckDB warehouse', () => {
    const profile: unknown = JSON.parse(renderDbtProfile({ warehouse: { type: 'duckdb', path: '/var/lib/floe/w.duckdb' } }, 'prod'));
    expect(profile).toEqual({
      floe: { target: 'prod', outputs: { prod: { type: 'duckdb', path: '/var/lib/floe/w.duckdb', schema: 'main', threads: 4 } } },
    });
  });
});

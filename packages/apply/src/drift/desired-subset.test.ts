import { describe, expect, it } from 'vitest';
import { isDesiredSubset } from './desired-subset.js';

describe('isDesiredSubset', () => {
  it('accepts fields the server added and zero values it omitted', () => {
    expect(isDesiredSubset({ spec: { replicas: 1, probe: { initialDelaySeconds: 0 } } }, { spec: { replicas: 1, probe: {}, revisionHistoryLimit: 10 } })).toBe(true);
  });

  it('compares quantities as the server normalises them', () => {
    expect(isDesiredSubset({ cpu: '1000m', memory: '1Gi' }, { cpu: '1', memory: '1024Mi' })).toBe(true);
    expect(isDesiredSubset({ cpu: '500m' }, { cpu: '1' })).toBe(false);
  });

  it('sees a changed value, a missing field and a changed list', () => {
    expect(isDesiredSubset({ data: { a: '1' } }, { data: { a: '2' } })).toBe(false);
    expect(isDesiredSubset({ data: { a: '1' } }, { data: {} })).toBe(false);
    expect(isDesiredSubset({ args: ['a', 'b'] }, { args: ['a'] })).toBe(false);
  });
});

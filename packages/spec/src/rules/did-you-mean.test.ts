import { describe, expect, it } from 'vitest';
import { closestMatch } from './did-you-mean.js';

describe('closestMatch', () => {
  it('suggests the nearest candidate within a third of the length', () => {
    expect(closestMatch('replicaz', ['replicas', 'resources'])).toBe('replicas');
    expect(closestMatch('Enabled', ['enabled'])).toBe('enabled');
  });

  it('suggests nothing when every candidate is far away', () => {
    expect(closestMatch('xyz', ['replicas', 'resources'])).toBeUndefined();
  });
});

describe('closestMatch on short names', () => {
  it('does not suggest one short name for another', () => {
    expect(closestMatch('b', ['a'])).toBeUndefined();
    expect(closestMatch('S3', ['s3', 'gcs'])).toBe('s3');
  });
});

import { describe, expect, it } from 'vitest';
import { imageVersion } from './image-version.js';
import { labelValue } from './label-value.js';

describe('labelValue', () => {
  it('keeps valid values as they are', () => {
    expect(labelValue('orders')).toBe('orders');
    expect(labelValue('a.b_c-1')).toBe('a.b_c-1');
  });

  it('cleans and hashes anything else into a valid, distinct value', () => {
    const value = labelValue('manual__2026-09-01T02:00:00+00:00');
    expect(value).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/);
    expect(labelValue('x'.repeat(80))).toHaveLength(63);
    expect(labelValue('a:b')).not.toBe(labelValue('a/b'));
    expect(labelValue('::')).toMatch(/^[0-9a-f]{8}$/);
  });
});

describe('imageVersion', () => {
  it('reads the tag, else the digest, else "latest"', () => {
    expect(imageVersion('registry:5000/acme/app:1.2.3')).toBe('1.2.3');
    expect(imageVersion('quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z')).toBe('RELEASE.2025-09-07T16-13-09Z');
    expect(imageVersion(`acme/app@sha256:${'a'.repeat(64)}`)).toBe('aaaaaaaaaaaa');
    expect(imageVersion('localhost:5000/app')).toBe('latest');
  });
});

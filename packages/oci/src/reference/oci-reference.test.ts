import { describe, expect, it } from 'vitest';
import { formatOciReference, isLoopbackRegistry, parseOciReference } from './oci-reference.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseOciReference', () => {
  it('reads registry, nested repository and tag', () => {
    expect(parseOciReference('oci://registry.example.com:5000/team/platform:v1.2')).toEqual({ registry: 'registry.example.com:5000', repository: 'team/platform', tag: 'v1.2' });
  });

  it('reads a digest, and keeps the tag next to it', () => {
    expect(parseOciReference(`oci://127.0.0.1:5000/p@${digest}`)).toEqual({ registry: '127.0.0.1:5000', repository: 'p', digest });
    expect(parseOciReference(`oci://r.io/p:staging@${digest}`)).toMatchObject({ tag: 'staging', digest });
  });

  it('refuses what is not an oci:// reference with the reason', () => {
    expect(() => parseOciReference('docker://r.io/p:v1')).toThrow(/must start with oci:\/\//);
    expect(() => parseOciReference('oci://r.io/p')).toThrow(/neither a tag nor a digest/);
    expect(() => parseOciReference('oci://r.io/Upper:v1')).toThrow(/not a repository name/);
    expect(() => parseOciReference('oci://r.io/p@sha256:abc')).toThrow(/not a sha256 digest/);
    expect(() => parseOciReference('oci://r.io:v1')).toThrow(/names no repository/);
  });
});

describe('formatOciReference', () => {
  it('round-trips and pins to a digest', () => {
    const reference = parseOciReference('oci://r.io/team/p:v1');
    expect(formatOciReference(reference)).toBe('oci://r.io/team/p:v1');
    expect(formatOciReference(reference, digest)).toBe(`oci://r.io/team/p@${digest}`);
  });
});

describe('isLoopbackRegistry', () => {
  it('is true only for this machine', () => {
    for (const host of ['localhost:5000', '127.0.0.1:41234', '127.3.2.1', '[::1]:5000']) expect(isLoopbackRegistry(host)).toBe(true);
    for (const host of ['registry.example.com', '10.0.0.1:5000', 'localhost.example.com', '[fe80::1]:5000']) expect(isLoopbackRegistry(host)).toBe(false);
  });
});

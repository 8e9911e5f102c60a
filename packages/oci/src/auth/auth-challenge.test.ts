import { describe, expect, it } from 'vitest';
import { parseAuthChallenge } from './auth-challenge.js';

describe('parseAuthChallenge', () => {
  it('reads a distribution Bearer challenge with a scope holding commas and colons', () => {
    expect(parseAuthChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/p:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:team/p:pull,push' },
    });
  });

  it('reads a Basic challenge and unquoted values', () => {
    expect(parseAuthChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseAuthChallenge('Bearer realm=https://a/t, service=r')).toEqual({ scheme: 'bearer', params: { realm: 'https://a/t', service: 'r' } });
  });

  it('is undefined without a header', () => {
    expect(parseAuthChallenge(null)).toBeUndefined();
    expect(parseAuthChallenge('')).toBeUndefined();
  });
});

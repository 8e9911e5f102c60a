import { describe, expect, it } from 'vitest';
import { decodeAppliedObjects, encodeAppliedObjects } from './applied-objects.js';

const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'p' }, data: { 'app.yaml': 'a: 1\n' } };
const credential = { name: 'db', namespaces: ['p'], keys: [{ key: 'password', length: 32 }] };

describe('applied objects of a revision record', () => {
  it('come back as they went in', () => {
    const encoded = encodeAppliedObjects({ objects: [configMap], generatedCredentials: [credential] as never });
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeAppliedObjects(encoded)).toEqual({ objects: [configMap], generatedCredentials: [credential] });
  });

  it('are never recorded when one is a Secret (its values would sit in a ConfigMap)', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'p' }, data: { password: 'c2VjcmV0' } };
    expect(encodeAppliedObjects({ objects: [configMap, secret], generatedCredentials: [] })).toBeUndefined();
  });

  it('read as absent when the record has none or a damaged one, so the revision is rendered again', () => {
    expect(decodeAppliedObjects(undefined)).toBeUndefined();
    expect(decodeAppliedObjects('bm90IGd6aXA=')).toBeUndefined();
    expect(decodeAppliedObjects(Buffer.from('{"objects":1}').toString('base64'))).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createSecretRedactor, redactedMarker } from './secret-redactor.js';

describe('createSecretRedactor', () => {
  it('replaces every occurrence of each secret value', () => {
    const redact = createSecretRedactor(['s3cr3t-key', 'other-value']);
    expect(redact('a s3cr3t-key b s3cr3t-key c other-value')).toBe(
      `a ${redactedMarker} b ${redactedMarker} c ${redactedMarker}`,
    );
  });

  it('redacts the JSON-escaped form of a secret inside a JSON log line', () => {
    const secret = 'pa"ss\\word';
    const line = JSON.stringify({ msg: `connecting with ${secret}` });
    expect(createSecretRedactor([secret])(line)).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(JSON.parse(createSecretRedactor([secret])(line))).toEqual({ msg: `connecting with ${redactedMarker}` });
  });

  it('redacts a longer secret whole even when it contains a shorter one', () => {
    const redact = createSecretRedactor(['abcd', 'xxabcdxx']);
    expect(redact('xxabcdxx')).toBe(redactedMarker);
  });

  it('leaves text alone when there are no secrets or only trivially short ones', () => {
    expect(createSecretRedactor([])('nothing to hide')).toBe('nothing to hide');
    expect(createSecretRedactor(['ab'])('abab')).toBe('abab');
  });
});

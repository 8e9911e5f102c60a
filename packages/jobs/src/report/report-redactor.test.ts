import { describe, expect, it } from 'vitest';
import { reportRedactor } from './report-redactor.js';

describe('reportRedactor', () => {
  it('redacts credential values wherever they appear, as floe-job does', () => {
    const redact = reportRedactor({ values: ['s3cr3t-value'], envNames: [] });
    expect(redact('connecting with s3cr3t-value to {"k":"s3cr3t-value"}')).toBe('connecting with [REDACTED] to {"k":"[REDACTED]"}');
  });

  it('redacts the value after a credential env name even when the value is unknown', () => {
    const redact = reportRedactor({ values: [], envNames: ['AWS_SECRET_ACCESS_KEY'] });
    expect(redact('env AWS_SECRET_ACCESS_KEY=abc123xyz other=1')).toBe('env AWS_SECRET_ACCESS_KEY=[REDACTED] other=1');
    expect(redact('{"AWS_SECRET_ACCESS_KEY": "abc123xyz"}')).toBe('{"AWS_SECRET_ACCESS_KEY": "[REDACTED]"}');
  });
});

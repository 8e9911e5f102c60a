import { describe, expect, it } from 'vitest';
import { parseResourceAttributes, readOtlpSettings } from './otlp-settings.js';

describe('readOtlpSettings', () => {
  it('appends /v1/traces to the base endpoint and caps the timeout at 3 s', () => {
    const settings = readOtlpSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_EXPORTER_OTLP_TIMEOUT: '10000' });
    expect(settings.tracesUrl).toBe('http://collector:4318/v1/traces');
    expect(settings.timeoutMs).toBe(3000);
    expect(settings.serviceName).toBe('floe-job');
  });

  it('has no traces URL when no endpoint is configured', () => {
    expect(readOtlpSettings({}).tracesUrl).toBeUndefined();
  });
});

describe('parseResourceAttributes', () => {
  it('decodes key=value pairs and skips malformed ones', () => {
    expect(parseResourceAttributes('service.namespace=floe,team=data%20eng,broken,=x')).toEqual({
      'service.namespace': 'floe',
      team: 'data eng',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { traceContextFrom } from './trace-context.js';

describe('traceContextFrom', () => {
  it('continues the trace of a valid traceparent', () => {
    expect(traceContextFrom('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentSpanId: '00f067aa0ba902b7',
    });
  });

  it.each([undefined, '', 'garbage', '00-00000000000000000000000000000000-00f067aa0ba902b7-01'])(
    'starts a new trace for %j',
    (value) => {
      const context = traceContextFrom(value);
      expect(context.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(context.parentSpanId).toBeUndefined();
    },
  );
});

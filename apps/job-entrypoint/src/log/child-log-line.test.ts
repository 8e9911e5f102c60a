import { describe, expect, it } from 'vitest';
import { parseChildLogLine } from './child-log-line.js';

describe('parseChildLogLine', () => {
  it('keeps the level, message, event and node of a dbt JSON log line, without colour codes', () => {
    const line = JSON.stringify({
      data: { node_info: { unique_id: 'model.shop.fct_orders' } },
      info: { level: 'error', msg: '\u001b[31mERROR\u001b[0m creating model', name: 'LogModelResult' },
    });
    expect(parseChildLogLine('dbt', 'stdout', line)).toEqual({
      level: 'error',
      message: 'ERROR creating model',
      fields: { source: 'dbt', event: 'LogModelResult', node: 'model.shop.fct_orders' },
    });
  });

  it('wraps a plain line with the tool and stream, stderr as a warning', () => {
    expect(parseChildLogLine('dlt', 'stderr', 'Traceback (most recent call last):')).toEqual({
      level: 'warn',
      message: 'Traceback (most recent call last):',
      fields: { source: 'dlt', stream: 'stderr' },
    });
  });

  it('wraps JSON that is not a dbt log line as plain text', () => {
    expect(parseChildLogLine('dbt', 'stdout', '{"other": 1}').message).toBe('{"other": 1}');
  });
});

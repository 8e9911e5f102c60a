import { describe, expect, it } from 'vitest';
import { summariseRunResults } from './dbt-run-results.js';

describe('summariseRunResults', () => {
  it('lists built models and seeds, failed and warned nodes, and counts statuses', () => {
    const runResults = {
      results: [
        { unique_id: 'seed.shop.customers', status: 'success' },
        { unique_id: 'model.shop.fct_orders', status: 'success' },
        { unique_id: 'model.shop.broken', status: 'error' },
        { unique_id: 'test.shop.unique_fct_orders_order_id.1a2b', status: 'pass' },
        { unique_id: 'test.shop.assert_positive', status: 'fail' },
        { unique_id: 'test.shop.soft_check', status: 'warn' },
        { unique_id: 'model.shop.after_broken', status: 'skipped' },
      ],
    };
    expect(summariseRunResults(runResults)).toEqual({
      counts: { success: 2, error: 1, pass: 1, fail: 1, warn: 1, skipped: 1 },
      built: ['seed.shop.customers', 'model.shop.fct_orders'],
      failed: ['model.shop.broken', 'test.shop.assert_positive'],
      warned: ['test.shop.soft_check'],
    });
  });

  it('returns empty lists for a file without results', () => {
    expect(summariseRunResults({})).toEqual({ counts: {}, built: [], failed: [], warned: [] });
  });
});

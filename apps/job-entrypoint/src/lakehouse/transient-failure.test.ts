import { describe, expect, it } from 'vitest';
import { isTransientFailure } from './transient-failure.js';

describe('isTransientFailure', () => {
  it('recognises unreachable services and lost Iceberg commits in DuckDB and catalog errors', () => {
    expect(isTransientFailure(["IO Error: Could not establish connection error for HTTP GET to 'http://minio:9000/lakehouse/x.avro'"])).toBe(true);
    expect(isTransientFailure(['Could not get token from http://catalog:8181/v1/oauth/tokens, captured error message: Could not establish connection'])).toBe(true);
    expect(isTransientFailure(['CommitFailedException: Requirement failed: branch main has changed: expected id 1 != 2'])).toBe(true);
  });

  it('leaves failed tests, SQL errors and refused credentials to their own classes', () => {
    expect(isTransientFailure(['Failure in test unique_fct_orders_order_id (models/marts/marts.yml)', 'Got 8 results, configured to fail if != 0'])).toBe(false);
    expect(isTransientFailure(['Binder Error: Referenced column "totl" not found in FROM clause!'])).toBe(false);
  });
});

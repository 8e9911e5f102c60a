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

describe('a real Iceberg commit conflict', () => {
  // Recorded 2026-12-01 from two DuckDB 1.4.4 writers (the floe-job image) committing to one table from the
  // same snapshot against the local iceberg-rest stand-in (localhost/floe-local/iceberg-rest:1.10.1-maven);
  // the server's stack array is shortened.
  const duckdbConflict = 'TransactionContext Error: Failed to commit: Failed to commit Iceberg transaction: Request to \'http://catalog:8181/v1/transactions/commit\' returned a non-200 status code (Conflict_409), with reason: Conflict, body: {"error":{"message":"Requirement failed: branch main has changed: expected id 6614703720110616774 != 7213533795760819376","type":"CommitFailedException","code":409,"stack":["org.apache.iceberg.exceptions.CommitFailedException: Requirement failed: branch main has changed"]}}';

  it('is retryable as DuckDB reports the 409 CommitFailedException of the REST catalog', () => {
    expect(isTransientFailure([duckdbConflict])).toBe(true);
  });
});

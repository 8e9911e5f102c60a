/**
 * What DuckDB's httpfs/iceberg extensions and the REST catalog say when a
 * platform service was unreachable or an Iceberg commit lost to a
 * concurrent one (409 CommitFailedException, "Requirement failed: branch
 * main has changed"): a retry of the step can succeed.
 */
const transientPatterns: readonly RegExp[] = [
  /could not establish connection/i,
  /connection (refused|reset)/i,
  /timed? ?out/i,
  /name or service not known|temporary failure in name resolution/i,
  /HTTP (GET|HEAD|POST|PUT|DELETE)? ?(error )?5\d\d/i,
  /CommitFailed|commit failed|requirement failed|\b409\b/i,
];

/** Whether one of a tool's error lines reports an unreachable service or a lost commit race. */
export function isTransientFailure(errorLines: readonly string[]): boolean {
  return errorLines.some((line) => transientPatterns.some((pattern) => pattern.test(line)));
}

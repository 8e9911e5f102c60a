/** One problem found in a spec document, located in its source file. */
export interface SpecIssue {
  /** The file the document came from (or the name given to the loader). */
  readonly file: string;
  /** 1-based line and column of the offending key or value. */
  readonly line: number;
  readonly column: number;
  /** Field path in the document, e.g. `spec.steps[2].dependsOn[0]`; empty for the whole document. */
  readonly path: string;
  /** Stable rule id, e.g. `unknown-field`, `dependency-cycle`. */
  readonly rule: string;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
}

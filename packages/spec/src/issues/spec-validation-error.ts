import { FloeError } from '@floe/errors';
import { formatSpecIssues } from './format-spec-issues.js';
import type { SpecIssue } from './spec-issue.js';

/**
 * Every issue found in one or more spec documents, not just the first.
 * `message` is the compiler-style rendering of all of them.
 */
export class SpecValidationError extends FloeError {
  readonly issues: readonly SpecIssue[];

  constructor(issues: readonly SpecIssue[]) {
    super('SPEC_INVALID', formatSpecIssues(issues));
    this.issues = issues;
  }
}

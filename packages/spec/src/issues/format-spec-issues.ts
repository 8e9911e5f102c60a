import type { SpecIssue } from './spec-issue.js';

/**
 * Renders issues the way a compiler does: `file:line:col: error[rule]: message`,
 * then the field path and the hint, sorted by file and position.
 */
export function formatSpecIssues(issues: readonly SpecIssue[]): string {
  const sorted = [...issues].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  const lines: string[] = [];
  for (const issue of sorted) {
    lines.push(`${issue.file}:${issue.line}:${issue.column}: error[${issue.rule}]: ${issue.message}`);
    if (issue.path) lines.push(`  at ${issue.path}`);
    if (issue.hint) lines.push(`  hint: ${issue.hint}`);
  }
  const count = issues.length;
  lines.push(`${count} error${count === 1 ? '' : 's'} found`);
  return lines.join('\n');
}

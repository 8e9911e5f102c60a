import { z } from 'zod';

interface PatternRule {
  readonly rule: string;
  readonly hint: string;
}

const byPattern = new Map<string, PatternRule>();

/**
 * A string matching `pattern`, whose failures are reported under `rule` with
 * `hint`. The pattern stays in the schema, so the exported JSON Schema keeps it.
 */
export function ruledPattern(pattern: RegExp, rule: string, message: string, hint: string) {
  byPattern.set(pattern.toString(), { rule, hint });
  return z.string().regex(pattern, { error: message });
}

/** The rule registered for a failed pattern (as zod reports it: `/source/flags`). */
export function ruleForPattern(pattern: string): PatternRule | undefined {
  return byPattern.get(pattern);
}

import type { z } from 'zod';
import type { FieldPath } from '../issues/field-path.js';
import { closestMatch } from '../rules/did-you-mean.js';
import { ruleForPattern } from '../rules/pattern-rules.js';
import { describeType, describeValue } from './describe-value.js';
import { oneShotParse } from './one-shot-parse.js';

/** A schema problem before it is placed in a file. */
export interface UnplacedIssue {
  readonly path: FieldPath;
  readonly at: 'key' | 'value';
  readonly rule: string;
  readonly message: string;
  readonly hint?: string;
}

function knownKeysOf(issue: { inst?: unknown }): readonly string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function toPath(path: readonly PropertyKey[]): FieldPath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

/**
 * Turns one zod issue into issues with a rule, a message and a hint.
 * `knownKeys` holds the allowed keys of each object that reported unknown
 * ones, keyed by path (only the raw issue knows its schema).
 */
function describeZodIssue(issue: z.core.$ZodIssue, knownKeys: ReadonlyMap<string, readonly string[]>): UnplacedIssue[] {
  const path = toPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys.get(pathKey(issue.path)) ?? [];
      return issue.keys.map((key) => {
        const suggestion = closestMatch(key, known);
        return {
          path: [...path, key],
          at: 'key',
          rule: 'unknown-field',
          message: `unknown field "${key}"`,
          hint: suggestion ? `did you mean "${suggestion}"?` : `allowed fields here: ${known.join(', ')}`,
        };
      });
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        return [{ path, at: 'key', rule: 'missing-field', message: `missing required field "${String(path.at(-1))}"`, hint: `add it (expected ${issue.expected})` }];
      }
      return [{ path, at: 'value', rule: 'wrong-type', message: `expected ${issue.expected}, got ${describeType(issue.input)}` }];
    case 'invalid_value': {
      const options = issue.values.map((value) => String(value));
      if (issue.input === undefined) {
        return [{ path, at: 'key', rule: 'missing-field', message: `missing required field "${String(path.at(-1))}"`, hint: `add it: ${options.map((option) => `"${option}"`).join(' or ')}` }];
      }
      const suggestion = typeof issue.input === 'string' ? closestMatch(issue.input, options) : undefined;
      return [{
        path, at: 'value', rule: 'invalid-value',
        message: `"${describeValue(issue.input)}" is not allowed; expected ${options.map((option) => `"${option}"`).join(' or ')}`,
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      }];
    }
    case 'invalid_union': {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = ((issue as { options?: unknown[] }).options ?? []).map(String);
      if (discriminator) {
        const input = (issue.input as Record<string, unknown> | undefined)?.[discriminator];
        const suggestion = typeof input === 'string' ? closestMatch(input, options) : undefined;
        return [{
          path, at: 'value', rule: 'invalid-value',
          message: input === undefined ? `missing "${discriminator}"` : `${discriminator} "${describeValue(input)}" is not one of ${options.join(', ')}`,
          hint: suggestion ? `did you mean "${suggestion}"?` : `set ${discriminator} to one of: ${options.join(', ')}`,
        }];
      }
      return [{ path, at: 'value', rule: 'invalid-value', message: 'matches none of the allowed forms', hint: 'check the field against the JSON Schema (`floe schema`)' }];
    }
    case 'invalid_format': {
      const registered = issue.pattern ? ruleForPattern(issue.pattern) : undefined;
      const message = issue.message;
      const shown = typeof issue.input === 'string' ? `"${issue.input}" ` : '';
      return [{ path, at: 'value', rule: registered?.rule ?? 'invalid-value', message: `${shown}${message}`, ...(registered ? { hint: registered.hint } : {}) }];
    }
    case 'custom': {
      const params = (issue.params ?? {}) as { rule?: string; hint?: string };
      return [{ path, at: 'value', rule: params.rule ?? 'invalid-value', message: issue.message, ...(params.hint ? { hint: params.hint } : {}) }];
    }
    default:
      return [{ path, at: 'value', rule: 'invalid-value', message: issue.message }];
  }
}

/**
 * Parses `data` with `schema`, collecting every issue described with a rule
 * and a hint. The per-parse error map only records the allowed keys of
 * objects with unknown ones; messages come from the schema and zod.
 * Without zod's compiled fast path (`jitless`, see `oneShotParse`).
 */
export function parseWithIssues<T extends z.ZodType>(
  schema: T,
  data: unknown,
): { value: z.output<T>; issues: [] } | { value: undefined; issues: UnplacedIssue[] } {
  const knownKeys = new Map<string, readonly string[]>();
  const result = schema.safeParse(data, {
    ...oneShotParse,
    reportInput: true,
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') knownKeys.set(pathKey(issue.path ?? []), knownKeysOf(issue));
      return undefined;
    },
  });
  if (result.success) return { value: result.data, issues: [] };
  return { value: undefined, issues: result.error.issues.flatMap((issue) => describeZodIssue(issue, knownKeys)) };
}

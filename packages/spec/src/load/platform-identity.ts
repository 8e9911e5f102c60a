import { readFile } from 'node:fs/promises';
import type { Document } from 'yaml';
import { formatFieldPath, type FieldPath } from '../issues/field-path.js';
import type { SpecIssue } from '../issues/spec-issue.js';
import { SpecValidationError } from '../issues/spec-validation-error.js';
import { defaultPlatformNamespace, dnsLabelPattern, dnsLabelRule, dnsLabelTooLong, platformNameMaxLength } from '../rules/dns-label.js';
import { describeValue } from './describe-value.js';
import { locateField } from './source-positions.js';
import { parseYamlDocuments } from './yaml-documents.js';

/** What names a deployed platform: its name and its platform namespace. */
export interface PlatformIdentity {
  readonly name: string;
  readonly namespace: string;
}

/**
 * Reads which platform a Platform file names — `metadata.name` and
 * `spec.namespaces.platform` (default `floe-platform`) — for the commands
 * that look at or act on a deployed platform (status, history, rollback,
 * destroy) and need nothing else from the file. The rest of the file is not
 * validated, so a deployed platform can be looked at while its file is
 * being edited, and the schemas (zod) are not loaded. Throws a
 * SpecValidationError (file, line, column, field, hint) when the file cannot
 * be read, is not YAML, holds no Platform document or several, or when the
 * name or namespace is not a valid name.
 */
export async function readPlatformIdentity(file: string): Promise<PlatformIdentity> {
  const fail = (issue: Omit<SpecIssue, 'file'>): never => {
    throw new SpecValidationError([{ file, ...issue }]);
  };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    return fail({ line: 1, column: 1, path: '', rule: 'unreadable-file', message: reason, hint: 'check the path' });
  }
  const { documents, lineCounter } = parseYamlDocuments(text, file);
  const platforms: { document: Document; data: Record<string, unknown> }[] = [];
  for (const { document, syntaxIssues } of documents) {
    if (syntaxIssues.length > 0) throw new SpecValidationError(syntaxIssues);
    let data: unknown;
    try {
      data = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const { line, column } = locateField(document, lineCounter, []);
      return fail({ line, column, path: '', rule: 'yaml-syntax', message: (error as Error).message, hint: 'fix the YAML (aliases are limited to 100 expansions)' });
    }
    if (typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'Platform') platforms.push({ document, data: data as Record<string, unknown> });
  }
  const [platform, second] = platforms;
  if (!platform || second) {
    const { line, column } = second ? locateField(second.document, lineCounter, ['kind']) : { line: 1, column: 1 };
    return fail({ line, column, path: second ? 'kind' : '', rule: 'one-platform', message: `must hold exactly one Platform document (found ${platforms.length})`, hint: 'give the file of one platform, or --name NAME [--namespace NS]' });
  }
  const field = (path: FieldPath, max: number, fallback?: string): string => {
    let value: unknown = platform.data;
    for (const [index, segment] of path.entries()) {
      if (value === undefined) break;
      // A mapping expected on the way (`namespaces: x`): an error there, never the default.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        const at = path.slice(0, index);
        const { line, column } = locateField(platform.document, lineCounter, at);
        return fail({ line, column, path: formatFieldPath(at), rule: 'invalid-value', message: `expected a mapping, found ${describeValue(value)}` });
      }
      value = (value as Record<string | number, unknown>)[segment];
    }
    if (value === undefined && fallback !== undefined) return fallback;
    const problem = typeof value !== 'string'
      ? { rule: 'invalid-value', message: value === undefined ? 'is required' : `expected a name, found ${describeValue(value)}` }
      : !dnsLabelPattern.test(value)
        ? { rule: dnsLabelRule.rule, message: `"${value}" ${dnsLabelRule.message}`, hint: dnsLabelRule.hint }
        : value.length > max
          ? { rule: 'invalid-value', message: dnsLabelTooLong(max) }
          : undefined;
    if (!problem) return value as string;
    const { line, column } = locateField(platform.document, lineCounter, path);
    return fail({ line, column, path: formatFieldPath(path), ...problem });
  };
  return {
    name: field(['metadata', 'name'], platformNameMaxLength),
    namespace: field(['spec', 'namespaces', 'platform'], 63, defaultPlatformNamespace),
  };
}

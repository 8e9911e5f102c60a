import type { Document, LineCounter } from 'yaml';
import { formatFieldPath, type FieldPath } from '../issues/field-path.js';
import type { SpecIssue } from '../issues/spec-issue.js';
import { SpecValidationError } from '../issues/spec-validation-error.js';
import { closestMatch } from '../rules/did-you-mean.js';
import { findInlineCredentials } from '../rules/inline-credentials.js';
import { pipelineSchema, type Pipeline } from '../schema/pipeline/pipeline.js';
import { platformSchema, type Platform } from '../schema/platform/platform.js';
import { describeValue } from './describe-value.js';
import { locateField } from './source-positions.js';
import { specKinds, type SpecDocument, type SpecKind } from './spec-document.js';
import { parseWithIssues, type UnplacedIssue } from './zod-issues.js';
import { parseYamlDocuments } from './yaml-documents.js';

/** Where a document's text came from, for error positions. */
export interface SourceOptions {
  /** Shown in errors; defaults to `<input>`. */
  readonly file?: string;
}

interface SpecByKind {
  Platform: Platform;
  Pipeline: Pipeline;
}

function isSpecKind(value: unknown): value is SpecKind {
  return specKinds.includes(value as SpecKind);
}

function validateDocument(
  document: Document,
  lineCounter: LineCounter,
  file: string,
): { spec?: SpecDocument; issues: SpecIssue[] } {
  const place = (issue: UnplacedIssue): SpecIssue => {
    const { line, column } = locateField(document, lineCounter, issue.path, issue.at);
    return { file, line, column, path: formatFieldPath(issue.path), rule: issue.rule, message: issue.message, ...(issue.hint ? { hint: issue.hint } : {}) };
  };
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { issues: [place({ path: [], at: 'value', rule: 'yaml-syntax', message: (error as Error).message, hint: 'fix the YAML (aliases are limited to 100 expansions)' })] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { issues: [place({ path: [], at: 'value', rule: 'not-a-document', message: 'expected a mapping with apiVersion, kind, metadata and spec', hint: 'start the document with "apiVersion: floe.dev/v1" and "kind: Platform" or "kind: Pipeline"' })] };
  }
  const kind = (data as Record<string, unknown>)['kind'];
  if (!isSpecKind(kind)) {
    const suggestion = typeof kind === 'string' ? closestMatch(kind, specKinds) : undefined;
    return {
      issues: [place({
        path: ['kind'], at: kind === undefined ? 'key' : 'value', rule: 'unknown-kind',
        message: kind === undefined ? 'missing "kind"' : `unknown kind "${describeValue(kind)}"`,
        hint: suggestion ? `did you mean "${suggestion}"?` : 'use "kind: Platform" or "kind: Pipeline"',
      })],
    };
  }
  const credentials = findInlineCredentials(data);
  const credentialPaths = new Set(credentials.map((found) => formatFieldPath(found.path)));
  const credentialIssues: UnplacedIssue[] = credentials.map((found) => ({
    path: found.path, at: 'value', rule: 'inline-credential',
    message: `${found.what} is written inline (value not shown)`,
    hint: 'store it in a Kubernetes Secret and reference it (secretKeyRef / ...SecretRef); specs may only hold references',
  }));
  const result = kind === 'Platform' ? parseWithIssues(platformSchema, data) : parseWithIssues(pipelineSchema, data);
  // A field that holds an inline credential is reported once, as that, and its value never reaches another message.
  const schemaIssues = result.issues.filter((issue) => !credentialPaths.has(formatFieldPath(issue.path)));
  const issues = [...credentialIssues, ...schemaIssues].map(place);
  if (issues.length > 0 || result.value === undefined) return { issues };
  const locate = (path: FieldPath) => locateField(document, lineCounter, path);
  return { spec: { kind, file, locate, spec: result.value } as SpecDocument, issues: [] };
}

/**
 * Parses and validates every YAML document in `text` (separated by `---`).
 * Returns the documents with defaults applied, or throws one
 * SpecValidationError listing every issue of every document, each with file,
 * line, column, field path and a hint. Never throws anything else.
 */
export function parseSpecDocuments(text: string, options: SourceOptions = {}): SpecDocument[] {
  const file = options.file ?? '<input>';
  const { documents, lineCounter } = parseYamlDocuments(text, file);
  const issues: SpecIssue[] = [];
  const specs: SpecDocument[] = [];
  for (const { document, syntaxIssues } of documents) {
    if (syntaxIssues.length > 0) {
      issues.push(...syntaxIssues);
      continue;
    }
    if (document.contents === null) continue;
    const result = validateDocument(document, lineCounter, file);
    issues.push(...result.issues);
    if (result.spec) specs.push(result.spec);
  }
  if (issues.length > 0) throw new SpecValidationError(issues);
  if (specs.length === 0) {
    throw new SpecValidationError([{ file, line: 1, column: 1, path: '', rule: 'empty', message: 'the file holds no document', hint: 'write a Platform or Pipeline document' }]);
  }
  return specs;
}

/** Validates one document of `kind`; errors when the text holds another kind or several documents. */
export function parseSingleSpec<K extends SpecKind>(
  text: string,
  kind: K,
  options: SourceOptions = {},
): SpecByKind[K] {
  const documents = parseSpecDocuments(text, options);
  const file = options.file ?? '<input>';
  const [first] = documents;
  if (documents.length !== 1 || first?.kind !== kind) {
    throw new SpecValidationError([{
      file, line: 1, column: 1, path: 'kind', rule: 'wrong-kind',
      message: documents.length !== 1 ? `expected one ${kind} document, found ${documents.length}` : `expected kind ${kind}, found ${first?.kind ?? 'none'}`,
      hint: `pass a file with a single "kind: ${kind}" document`,
    }]);
  }
  return first.spec as SpecByKind[K];
}

/** Parses and validates a `kind: Platform` document, applying defaults. */
export function parsePlatformSpec(text: string, options: SourceOptions = {}) {
  return parseSingleSpec(text, 'Platform', options);
}

/** Parses and validates a `kind: Pipeline` document, applying defaults. */
export function parsePipelineSpec(text: string, options: SourceOptions = {}) {
  return parseSingleSpec(text, 'Pipeline', options);
}

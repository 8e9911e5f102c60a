import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { SpecIssue } from '../issues/spec-issue.js';
import { SpecValidationError } from '../issues/spec-validation-error.js';

const maxDocumentBytes = 4 * 1024 * 1024;

/** One YAML document of a spec file, with the syntax errors found in it (located; empty when it parsed). */
export interface YamlDocument {
  readonly document: Document;
  readonly syntaxIssues: readonly SpecIssue[];
}

/**
 * The YAML documents of a spec file's text (separated by `---`), parsed as
 * every spec reader parses them: duplicate keys are errors, aliases are
 * limited by the caller's `toJS`, and a file over 4 MiB is refused with a
 * SpecValidationError before parsing. Without zod (see `readPlatformIdentity`).
 */
export function parseYamlDocuments(text: string, file: string): { documents: YamlDocument[]; lineCounter: LineCounter } {
  if (text.length > maxDocumentBytes) {
    throw new SpecValidationError([{ file, line: 1, column: 1, path: '', rule: 'too-large', message: `the file is larger than ${maxDocumentBytes / 1024 / 1024} MiB`, hint: 'split it into several files' }]);
  }
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, logLevel: 'error' });
  const documents = (Array.isArray(parsed) ? parsed : []).map((document): YamlDocument => ({
    document,
    syntaxIssues: document.errors.map((error) => {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return { file, line, column: col, path: '', rule: 'yaml-syntax', message: error.message.split('\n')[0] ?? error.message, hint: 'fix the YAML syntax at this position' };
    }),
  }));
  return { documents, lineCounter };
}

import { SpecValidationError, parseSpecDocuments, type SpecIssue } from '../src/index.js';

/** The issues the loader reports for `text`; fails the test when it accepts the text. */
export function issuesOf(text: string): SpecIssue[] {
  try {
    parseSpecDocuments(text, { file: 'spec.yaml' });
  } catch (error) {
    if (error instanceof SpecValidationError) return [...error.issues];
    throw error;
  }
  throw new Error('expected the document to be rejected');
}

/** Trims a common indent so inline YAML in tests can be indented with the code. */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((out, part, index) => out + part + (index < values.length ? String(values[index]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim()).map((line) => /^ */.exec(line)![0].length));
  return lines.map((line) => line.slice(indent)).join('\n');
}

import { readFile } from 'node:fs/promises';
import type { SpecIssue } from '../issues/spec-issue.js';
import { SpecValidationError } from '../issues/spec-validation-error.js';
import { checkPipelinePlatform } from '../rules/pipeline-platform.js';
import { checkPipelineTriggers } from '../rules/pipeline-triggers.js';
import { parseSpecDocuments } from './parse-spec-documents.js';
import { platformNamesIn } from './platform-names.js';
import type { SpecDocument } from './spec-document.js';

/**
 * Reads and validates spec files together: every document of every file,
 * then each pipeline against the platforms among them. Throws one
 * SpecValidationError with every issue found across all files.
 */
export async function loadSpecFiles(paths: readonly string[]): Promise<SpecDocument[]> {
  const issues: SpecIssue[] = [];
  const documents: SpecDocument[] = [];
  /** Platforms given but invalid: pipelines that name one are not checked against it, nor told it is unknown. */
  const invalidPlatforms: string[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
      issues.push({ file: path, line: 1, column: 1, path: '', rule: 'unreadable-file', message: reason, hint: 'check the path' });
      continue;
    }
    try {
      documents.push(...parseSpecDocuments(text, { file: path }));
    } catch (error) {
      if (!(error instanceof SpecValidationError)) throw error;
      issues.push(...error.issues);
      invalidPlatforms.push(...platformNamesIn(text));
    }
  }
  const platforms = documents.filter((document) => document.kind === 'Platform');
  const pipelines = documents.filter((document) => document.kind === 'Pipeline');
  for (const pipeline of pipelines) issues.push(...checkPipelinePlatform(pipeline, platforms, invalidPlatforms));
  issues.push(...checkPipelineTriggers(pipelines));
  if (issues.length > 0) throw new SpecValidationError(issues);
  return documents;
}

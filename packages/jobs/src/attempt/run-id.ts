import { randomBytes } from 'node:crypto';
import { FloeError } from '@floe/errors';

const runIdPattern = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A run id that is not usable as a label and name fragment. */
export class InvalidRunIdError extends FloeError {
  constructor(runId: string) {
    super('JOBS_INVALID_RUN_ID', `run id "${runId}" is not usable: use 1-40 lowercase letters, digits and "-" (starting and ending with a letter or digit), or leave it out to get a generated one`);
  }
}

/**
 * Run ids are labels and Job-name fragments, so they are restricted to a
 * DNS label of at most 40 characters; then the label, the annotation and
 * the name all hold the same string and `floe job status RUN` can select by it.
 */
export function assertRunId(runId: string): string {
  if (!runIdPattern.test(runId)) throw new InvalidRunIdError(runId);
  return runId;
}

/** A fresh run id: `r` + UTC time (sortable) + 4 random hex digits, e.g. `r20260101t120000-3fa2`. */
export function newRunId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '').toLowerCase();
  return `r${stamp}-${randomBytes(2).toString('hex')}`;
}

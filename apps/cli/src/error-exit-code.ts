import { isFloeError, type ErrorCategory } from '@floe/errors';
import { exitCodes, type ExitCode } from './exit-codes.js';

const exitCodeOfCategory: Readonly<Record<ErrorCategory, ExitCode>> = {
  'invalid-input': exitCodes.invalidInput,
  'not-ready': exitCodes.notReady,
  unavailable: exitCodes.unavailable,
  'permission-denied': exitCodes.permissionDenied,
};

/** The exit status of a command that ended with `error`: its category for floe's own errors, a bug for anything else. */
export function exitCodeOfError(error: unknown): ExitCode {
  return isFloeError(error) ? exitCodeOfCategory[error.category] : exitCodes.internal;
}

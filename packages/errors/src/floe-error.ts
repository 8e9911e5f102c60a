import type { ErrorCategory } from './error-category.js';

/** Options of a FloeError: the underlying error and the failure's category. */
export interface FloeErrorOptions {
  readonly cause?: unknown;
  /** Default: `invalid-input`, the user can fix what they gave. */
  readonly category?: ErrorCategory;
}

/**
 * The base of every error floe throws on purpose. `code` is stable (tools can
 * match on it); `category` says what kind of failure it is (the CLI maps it
 * to an exit status); `message` says what went wrong and what to do; `cause`
 * keeps the underlying error.
 */
export class FloeError extends Error {
  readonly code: string;
  readonly category: ErrorCategory;

  constructor(code: string, message: string, options?: FloeErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.category = options?.category ?? 'invalid-input';
    this.name = new.target.name;
  }
}

/** True when `error` is one of floe's own errors (not a Node system error that also has a `code`). */
export function isFloeError(error: unknown): error is FloeError {
  return error instanceof FloeError;
}

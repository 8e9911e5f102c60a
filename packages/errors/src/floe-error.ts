/**
 * The base of every error floe throws on purpose. `code` is stable (the CLI
 * maps it to an exit status and tools can match on it); `message` says what
 * went wrong and what to do; `cause` keeps the underlying error.
 */
export class FloeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** True when `error` is one of floe's own errors (not a Node system error that also has a `code`). */
export function isFloeError(error: unknown): error is FloeError {
  return error instanceof FloeError;
}

import { FloeError, type ErrorCategory } from '@floe/errors';
import { isRetryableStatus } from '../client/retry-delay.js';

/** One cause of a Kubernetes Status, with the field path it concerns. */
export interface StatusCause {
  readonly reason?: string;
  readonly message?: string;
  readonly field?: string;
}

/** The `Status` object the API server returns with an error. */
export interface KubeStatus {
  readonly code: number;
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { readonly name?: string; readonly kind?: string; readonly causes?: readonly StatusCause[] };
}

function describe(request: string, status: KubeStatus): string {
  const lines = [`${request} failed: ${status.code} ${status.reason ?? ''}${status.message ? ` — ${status.message}` : ''}`.trim()];
  for (const cause of status.details?.causes ?? []) {
    lines.push(`  ${cause.field ? `${cause.field}: ` : ''}${cause.message ?? cause.reason ?? ''}`);
  }
  return lines.join('\n');
}

/**
 * What an error status means for the caller: credentials or RBAC refused
 * (401, 403), the server failing or busy (408, 429, 5xx but 501: retry
 * later), or a request it rejected (every other status).
 */
export function categoryOfStatus(code: number): ErrorCategory {
  if (code === 401 || code === 403) return 'permission-denied';
  if (code === 408 || isRetryableStatus(code)) return 'unavailable';
  return 'invalid-input';
}

/**
 * The API server answered with an error. Carries the Kubernetes Status
 * (reason, causes with field paths) so callers can match on `reason`
 * (`NotFound`, `AlreadyExists`, `Conflict`, `Gone`, `Forbidden`, ...).
 */
export class KubeApiError extends FloeError {
  readonly status: KubeStatus;
  readonly request: string;

  constructor(request: string, status: KubeStatus, options?: { cause?: unknown }) {
    super('KUBE_API_ERROR', describe(request, status), { ...options, category: categoryOfStatus(status.code) });
    this.status = status;
    this.request = request;
  }

  get statusCode(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

/** The API server could not be reached (refused, reset, timed out) after every retry. */
export class KubeConnectionError extends FloeError {
  constructor(request: string, server: string, cause: unknown) {
    super(
      'KUBE_UNREACHABLE',
      `${request}: cannot reach the API server at ${server} (${(cause as Error).message}); check that the cluster runs and that --kubeconfig/--context point at it`,
      { cause, category: 'unavailable' },
    );
  }
}

/** The kubeconfig could not be loaded or names no usable cluster. */
export class KubeConfigError extends FloeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('KUBECONFIG_INVALID', message, options);
  }
}

/** True when `error` is an API error with this HTTP status. */
export function isStatus(error: unknown, code: number): error is KubeApiError {
  return error instanceof KubeApiError && error.status.code === code;
}

import { FloeError } from '@floe/errors';

/**
 * A platform service the step needs (the catalog, object storage) could not
 * be reached or answered with a server error. floe-job exits with
 * `runtimeExitCodes.infrastructureFailure` (75): the orchestrator may retry.
 */
export class InfrastructureError extends FloeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('JOB_INFRASTRUCTURE', `${message}. The platform service may be down or still starting; the step can be retried.`, { ...options, category: 'unavailable' });
  }
}

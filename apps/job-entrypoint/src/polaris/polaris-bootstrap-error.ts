import { FloeError } from '@floe/errors';

/**
 * The Polaris catalog bootstrap could not make the warehouse or the steps'
 * principal exist as planned. The message names the management API call and
 * Polaris's status; it never carries a credential.
 */
export class PolarisBootstrapError extends FloeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('POLARIS_BOOTSTRAP', `${message}. The deploy's bootstrap Job retries; if it keeps failing, check the Polaris server's log and the platform's catalog settings.`, options);
  }
}

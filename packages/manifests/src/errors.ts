import { FloeError } from '@floe/errors';

/** A valid spec whose combination floe cannot render (yet); the message says what to change. */
export class UnsupportedPlatformError extends FloeError {
  constructor(message: string) {
    super('UNSUPPORTED_PLATFORM', message);
  }
}

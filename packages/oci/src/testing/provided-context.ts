import type { ProvidedContext } from 'vitest';

/** What the OCI global setup provides to integration tests: `inject('floeGoBin')`. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The directory holding the `registry` and `oras` binaries (images/go/build.sh). */
    floeGoBin: string;
  }
}

/** The values the OCI global setup provides (vitest's ProvidedContext, augmented). */
export type OciProvidedContext = Pick<ProvidedContext, 'floeGoBin'>;

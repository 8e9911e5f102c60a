import type { ProvidedContext } from 'vitest';

/** What the global setup provides to integration tests: `inject('floeKubeconfig')`. */
declare module 'vitest' {
  export interface ProvidedContext {
    floeKubeconfig: string;
    floeClusterLogsFile: string;
  }
}

/** The values floe's global setup provides (vitest's ProvidedContext, augmented). */
export type FloeProvidedContext = Pick<ProvidedContext, 'floeKubeconfig' | 'floeClusterLogsFile'>;

import type {} from '@floe/local-cluster/testing';

/** What the platform suite's global setup provides, besides the real-node context of @floe/local-cluster. */
declare module 'vitest' {
  export interface ProvidedContext {
    /** `floe platform deploy -f examples/local/platform.yaml` as the global setup ran it. */
    floePlatformDeploy: { exitCode: number; stdout: string; stderr: string; seconds: number };
  }
}

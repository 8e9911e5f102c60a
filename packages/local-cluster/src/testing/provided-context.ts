import type { ProvidedContext } from 'vitest';

/** What the global setup provides to integration tests: `inject('floeKubeconfig')`. */
declare module 'vitest' {
  export interface ProvidedContext {
    floeKubeconfig: string;
    floeClusterLogsFile: string;
    /** What the cluster's pods run on: `real` (kubelet + containerd) or `kwok` (no container starts). Tests name it. */
    floeNodeKind: 'real' | 'kwok' | 'external';
    /** Real-node runs: the toolbox image loaded into the node (busybox: sh, nc, nslookup, httpd). */
    floeToolboxImage: string;
    /** Real-node runs: the floe-job image loaded into the node (from FLOE_JOB_IMAGE), or '' when none was given. */
    floeJobImage: string;
    /** Real-node runs: the cluster's state directory, for `loadImagesIn` (images a test builds itself). */
    floeClusterDir: string;
  }
}

/** The values floe's global setup provides (vitest's ProvidedContext, augmented). */
export type FloeProvidedContext = Pick<ProvidedContext, 'floeKubeconfig' | 'floeClusterLogsFile' | 'floeNodeKind' | 'floeToolboxImage' | 'floeJobImage' | 'floeClusterDir'>;

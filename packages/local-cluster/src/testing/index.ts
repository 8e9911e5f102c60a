export type { FloeProvidedContext } from './provided-context.js';
export { createTestNamespace, eventually, type TestNamespace } from './test-namespace.js';
export { writeToolboxImage } from './toolbox-image.js';
export { getPod, waitForPod, podLog, runToolboxPod, serveHttp, isReady, restrictedContainer, type PodStatus, type PodObject } from './pod-probe.js';
export { snapshotHost, type HostSnapshot } from './host-snapshot.js';
export { pauseClusterProcess } from './pause-cluster-process.js';

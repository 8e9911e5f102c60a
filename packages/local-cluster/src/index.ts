export { startLocalCluster, stopLocalClusterIn, type LocalCluster, type LocalClusterOptions } from './start-local-cluster.js';
export { clusterBinaries, type ClusterBinaries } from './binaries/cluster-binaries.js';
export { LocalClusterError } from './local-cluster-error.js';
export { formatCriLogLine } from './kwok/kwok-logs-config.js';
export { defaultStorageClass, waitForConsumerStorageClass } from './storage/install-storage.js';
export { isAlive } from './process/pid-file.js';
export { localClusterStatus, type LocalClusterStatus } from './cluster-status.js';

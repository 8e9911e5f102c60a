export { KubeClient, type KubeClientOptions, type KubeRequest, type HttpMethod } from './client/kube-client.js';
export { loadKubeConfig, type KubeConfigSource } from './client/load-kube-config.js';
export { RequestStats } from './client/request-stats.js';
export { ConcurrencyLimit } from './client/concurrency-limit.js';
export { retryDelayMs, isRetryableStatus, defaultRetryOptions, type RetryOptions } from './client/retry-delay.js';
export { KubeApiError, KubeConnectionError, KubeConfigError, categoryOfStatus, isStatus, type KubeStatus, type StatusCause } from './errors/kube-api-error.js';
export { KubeCredentialsError, type CredentialSource } from './errors/kube-credentials-error.js';
export { Discovery, UnknownKindError, type ApiResource } from './resources/discovery.js';
export {
  ResourceClient,
  objectPath,
  floeFieldManager,
  type ApplyOptions,
  type ListOptions,
  type ObjectList,
  type ObjectInput,
  type PropagationPolicy,
} from './resources/resource-client.js';
export { describeObject, refOf, type KubeObject, type ObjectMeta, type ObjectRef } from './resources/kube-object.js';
export { ResourceWatch, type ResourceWatchOptions } from './watch/resource-watch.js';
export { WatchHub, type WatchHubOptions } from './watch/watch-hub.js';
export { objectKey, watchTargetKey, type WatchEvent, type WatchTarget } from './watch/watch-event.js';
export { followLogs, type FollowLogsOptions, type FollowLogsResult, type LogLine } from './logs/follow-logs.js';

import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { apps } from '../kube/apps.js';
import type { KubeObject } from '../kube/kube-object.js';
import { platformNames } from '../naming/platform-names.js';
import { platformConfigKeys } from '../pipeline-pod/runtime-contract.js';
import { configMap } from '../workloads/config-map.js';
import { platformEndpoints } from './platform-endpoints.js';

/**
 * `floe-platform-config` in the jobs namespace: every endpoint a pipeline
 * step needs, loaded by `envFrom`, plus the names (never the values) of the
 * Secrets holding credentials. Keys of disabled components are left out.
 */
export function platformConfigMap(platform: Platform): KubeObject {
  const names = platformNames(platform);
  const endpoints = platformEndpoints(platform);
  const credentials = credentialPlan(platform);
  const lakehouse = endpoints.catalogUri !== undefined;
  const entries: [string, string | undefined][] = [
    [platformConfigKeys.platform, platform.metadata.name],
    [platformConfigKeys.environment, platform.metadata.environment],
    [platformConfigKeys.catalogUri, endpoints.catalogUri],
    [platformConfigKeys.catalogWarehouse, endpoints.catalogWarehouse],
    [platformConfigKeys.catalogCredentialsSecret, credentials.catalogSteps?.clientId.secret],
    [platformConfigKeys.storageType, endpoints.storage?.type],
    [platformConfigKeys.storageEndpoint, endpoints.storage?.endpoint],
    [platformConfigKeys.storageBucket, endpoints.storage?.bucket],
    [platformConfigKeys.storageRegion, endpoints.storage?.region],
    [platformConfigKeys.storageCredentialsSecret, credentials.storage?.accessKeyId.secret],
    // With a catalog the tables live in it (Iceberg on the platform's storage), never in a file of the step's pod.
    [platformConfigKeys.warehouseType, lakehouse ? 'iceberg' : platform.spec.jobs.warehouse.type],
    [platformConfigKeys.warehousePath, lakehouse ? undefined : platform.spec.jobs.warehouse.path],
    [platformConfigKeys.orchestratorUrl, endpoints.orchestratorUrl],
    [platformConfigKeys.registryUrl, endpoints.registry],
    [platformConfigKeys.otlpEndpoint, endpoints.otlpHttp],
    [platformConfigKeys.otlpProtocol, endpoints.otlpHttp ? 'http/protobuf' : undefined],
  ];
  const data: Record<string, string> = {};
  for (const [key, value] of entries) if (value !== undefined) data[key] = value;
  return configMap(platform, { name: names.platformConfig, namespace: names.jobsNamespace, app: apps.floe, data });
}

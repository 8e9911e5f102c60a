export type { KubeObject, ObjectMeta } from './kube/kube-object.js';
export { renderPlatform, type RenderedPlatform, type RenderPlatformOptions } from './render/render-platform.js';
export type { RenderedComponent } from './render/component.js';
export { applyOrder, sortForApply } from './render/apply-order.js';
export { toYaml } from './output/to-yaml.js';
export { platformConfigMap } from './platform-config/platform-config-map.js';
export { platformEndpoints } from './platform-config/platform-endpoints.js';
export { registryService, type RegistryService } from './registry/registry-service.js';
export { generatedCredentials, storageCredentialKeys, catalogCredentialKeys, grafanaAdminKeys } from './credentials/credential-refs.js';
export { generatedCredentialAnnotation, type GeneratedCredential, type GeneratedKey } from './credentials/generated-credential.js';
export { waitsForDependenciesAnnotation, waitsItself } from './workloads/waits-for-dependencies.js';
export { configChecksumAnnotation } from './kube/config-checksum.js';
export { blueGreen } from './workloads/blue-green.js';
export { renderPipelineJob, runIdAnnotation, type PipelineJobInput } from './pipeline-pod/render-pipeline-job.js';
export { renderPipelineExample, exampleRunId } from './pipeline-pod/render-pipeline-example.js';
export { pipelineJobName, type PipelineJobNameInput } from './pipeline-pod/pipeline-job-name.js';
export { pipelinePodDefaults, pipelineContainerName, type PipelinePodDefaults } from './pipeline-pod/pipeline-pod-defaults.js';
export { createSecretRedactor, redactedMarker, type Redact } from './pipeline-pod/secret-redactor.js';
export { runLauncherConfig } from './dagster/run-launcher-config.js';
export { compilePipelines, compilePlatform, type CompiledPipeline } from './dagster/compile-pipelines.js';
export { compiledPipelineConfigMaps } from './dagster/compiled-pipeline-config-maps.js';
export { codeLocation, codeLocationImage } from './dagster/code-location-contract.js';
export { platformImage } from './images/platform-image.js';
export { mirrorImage } from './images/mirror-image.js';
export { jobRunnerRules } from './core/render-job-access.js';
export { trafficFlows, type TrafficFlow, type PodGroup, type ExposedPort } from './network/traffic-flows.js';
export { UnsupportedPlatformError } from './errors.js';
export {
  runtimeEnv,
  platformConfigKeys,
  credentialEnv,
  runtimeMounts,
  runtimeExitCodes,
  configErrorExitCodes,
  pipelineLabels,
  defaultDbtProjectDir,
  defaultTerminationMessagePath,
  type StepInvocation,
} from './pipeline-pod/runtime-contract.js';
export { catalogBootstrapPlan, stepPrincipalName, type CatalogBootstrapPlan } from './polaris/catalog-bootstrap-plan.js';
export { catalogStorage, type CatalogStorage, type PolarisStorageConfig } from './polaris/catalog-storage-config.js';
export { stepCatalogPrivileges, type StepCatalogPrivilege } from './polaris/step-principal-grants.js';
export { managementRequests, type ManagementRequest } from './polaris/management-requests.js';
export { catalogBootstrapContract } from './polaris/catalog-bootstrap-job.js';

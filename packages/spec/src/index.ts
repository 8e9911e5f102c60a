export type { SpecIssue } from './issues/spec-issue.js';
export { SpecValidationError } from './issues/spec-validation-error.js';
export { formatSpecIssues } from './issues/format-spec-issues.js';
export { formatFieldPath, type FieldPath } from './issues/field-path.js';
export {
  parseSpecDocuments,
  parsePlatformSpec,
  parsePipelineSpec,
  type SourceOptions,
} from './load/parse-spec-documents.js';
export { loadSpecFiles } from './load/load-spec-files.js';
export { readPlatformIdentity, type PlatformIdentity } from './load/platform-identity.js';
export type { SpecDocument, SpecKind } from './load/spec-document.js';
export type { SourcePosition } from './load/source-positions.js';
export { checkPipelinePlatform } from './rules/pipeline-platform.js';
export { findCronProblem } from './rules/cron.js';
export { findTimezoneProblem } from './rules/timezone.js';
export { specJsonSchema } from './json-schema.js';
export { platformSchema, type Platform, type PlatformInput } from './schema/platform/platform.js';
export { pipelineSchema, type Pipeline, type PipelineInput } from './schema/pipeline/pipeline.js';
export { step as stepSchema, type Step, type DbtStep, type QualityStep, type IngestionStep } from './schema/pipeline/steps.js';
export type { Trigger } from './schema/pipeline/trigger.js';
export type { RetryPolicy } from './schema/pipeline/retry-policy.js';
export type { Schedule } from './schema/pipeline/schedule.js';
export type { EnvVar } from './schema/pipeline/step-env.js';
export type { Orchestrator } from './schema/platform/orchestrator.js';
export type { Catalog, IcebergRestCatalog, PolarisCatalog } from './schema/platform/catalog.js';
export type { Semantic } from './schema/platform/semantic.js';
export type { Observability, CollectorExporter } from './schema/platform/observability.js';
export type { Storage } from './schema/platform/storage.js';
export type { Registry } from './schema/platform/registry.js';
export type { Images, ImageMirror } from './schema/platform/images.js';
export type { JobDefaults } from './schema/platform/jobs.js';
export type { PostgresDatabase } from './schema/platform/database.js';
export type { Resources, SecretKeyRef, SecretRef, Autoscaling, StatelessServer } from './schema/kubernetes-types.js';
export { defaultImages } from './schema/default-images.js';
export { memoryBytes, formatMemory } from './quantity/memory-bytes.js';
export type { OomRetry } from './schema/pipeline/retry-policy.js';

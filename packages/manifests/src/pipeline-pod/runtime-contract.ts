/**
 * The contract between the pipeline pod template (rendered here) and
 * `floe-job`, the process inside the pod (apps/job-entrypoint): the env
 * names, mount paths and exit codes both sides use. Defined once; both import it.
 */
import type { Pipeline, Step } from '@floe/spec';

/** What `FLOE_STEP` carries: the step and the pipeline settings it needs, as JSON. */
export interface StepInvocation {
  readonly pipeline: string;
  readonly platform: string;
  readonly dbt: Pipeline['spec']['dbt'];
  readonly step: Step;
}

/** Environment variables the pod template sets and floe-job reads. */
export const runtimeEnv = {
  /** JSON of the step to run: see `StepInvocation`. */
  step: 'FLOE_STEP',
  runId: 'FLOE_RUN_ID',
  attempt: 'FLOE_ATTEMPT',
  pipeline: 'FLOE_PIPELINE',
  stepName: 'FLOE_STEP_NAME',
  /** Where floe-job writes its JSON summary (the container's terminationMessagePath). */
  terminationMessagePath: 'FLOE_TERMINATION_MESSAGE_PATH',
  /** Seconds floe-job may spend cancelling the child after SIGTERM (below the pod's grace period). */
  cancelGraceSeconds: 'FLOE_CANCEL_GRACE_SECONDS',
  /** W3C trace context of the run; the step's span is its child. */
  traceparent: 'TRACEPARENT',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  otelServiceName: 'OTEL_SERVICE_NAME',
  otelResourceAttributes: 'OTEL_RESOURCE_ATTRIBUTES',
} as const;

/**
 * Keys of the `floe-platform-config` ConfigMap in the jobs namespace, which
 * the pod template loads with `envFrom`. Endpoints only: never a secret value.
 */
export const platformConfigKeys = {
  platform: 'FLOE_PLATFORM',
  environment: 'FLOE_ENVIRONMENT',
  /** The Iceberg REST catalog's base URI (the one its `/v1/config` hangs off). */
  catalogUri: 'FLOE_CATALOG_URI',
  /** The catalog's warehouse name (Polaris: the catalog name). */
  catalogWarehouse: 'FLOE_CATALOG_WAREHOUSE',
  /** Optional: the OAuth2 token endpoint; default `<FLOE_CATALOG_URI>/v1/oauth/tokens` (the REST spec's, Polaris's). */
  catalogOauth2ServerUri: 'FLOE_CATALOG_OAUTH2_SERVER_URI',
  /** Optional: the OAuth2 scope of the client-credentials grant; default `PRINCIPAL_ROLE:ALL` (what Polaris expects). */
  catalogOauth2Scope: 'FLOE_CATALOG_OAUTH2_SCOPE',
  storageType: 'FLOE_STORAGE_TYPE',
  storageEndpoint: 'FLOE_STORAGE_ENDPOINT',
  storageBucket: 'FLOE_STORAGE_BUCKET',
  storageRegion: 'FLOE_STORAGE_REGION',
  /** `iceberg` (tables in the catalog, files in object storage) or `duckdb` (a local file); unset: iceberg when FLOE_CATALOG_URI is set. */
  warehouseType: 'FLOE_WAREHOUSE_TYPE',
  /** The DuckDB file of `duckdb` mode only. */
  warehousePath: 'FLOE_WAREHOUSE_PATH',
  orchestratorUrl: 'FLOE_ORCHESTRATOR_URL',
  registryUrl: 'FLOE_REGISTRY_URL',
  otlpEndpoint: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  /** `http/protobuf`: the endpoint above is the collector's OTLP/HTTP port. */
  otlpProtocol: 'OTEL_EXPORTER_OTLP_PROTOCOL',
  /** Name of the Secret with the storage credentials (a reference, never the value). */
  storageCredentialsSecret: 'FLOE_STORAGE_CREDENTIALS_SECRET',
  /** Name of the Secret with the catalog client credentials (a reference, never the value). */
  catalogCredentialsSecret: 'FLOE_CATALOG_CREDENTIALS_SECRET',
} as const;

/** Credentials the pod template maps from Secrets by `secretKeyRef` (values never in a ConfigMap). */
export const credentialEnv = {
  storageAccessKeyId: 'FLOE_STORAGE_ACCESS_KEY_ID',
  storageSecretAccessKey: 'FLOE_STORAGE_SECRET_ACCESS_KEY',
  catalogClientId: 'FLOE_CATALOG_CLIENT_ID',
  catalogClientSecret: 'FLOE_CATALOG_CLIENT_SECRET',
} as const;

/** Writable mounts of the pipeline pod (its root filesystem is read-only). */
export const runtimeMounts = {
  /** emptyDir: temp files, profiles.yml, dlt state. */
  tmp: '/tmp',
  /** emptyDir: dbt target/ and logs/, the local DuckDB warehouse when no other is configured. */
  work: '/var/lib/floe',
} as const;

/** Where the runtime image keeps the user's dbt project (read-only). */
export const defaultDbtProjectDir = '/opt/floe/dbt';

/** Kubernetes' default termination message path, also floe-job's default. */
export const defaultTerminationMessagePath = '/dev/termination-log';

/**
 * Exit statuses of floe-job. dbt's own codes pass through (0 ok, 1 handled
 * failure, 2 unhandled error); configuration problems exit 78 (EX_CONFIG)
 * so the Job's podFailurePolicy fails the Job at once; an unreachable
 * platform service exits 75 (EX_TEMPFAIL, worth a retry); a cancelled step
 * exits 128 + the signal number.
 */
export const runtimeExitCodes = {
  success: 0,
  applicationFailure: 1,
  toolError: 2,
  /** A platform service (catalog, object storage) was unreachable or an Iceberg commit lost a race: retryable (EX_TEMPFAIL). */
  infrastructureFailure: 75,
  configError: 78,
  cancelledBySigint: 130,
  cancelledBySigterm: 143,
} as const;

/** Exit codes the podFailurePolicy treats as "fail the Job now, do not count as retryable". */
export const configErrorExitCodes: readonly number[] = [runtimeExitCodes.configError];

/** Labels every pipeline Job and pod carries, for lookup by the job runner. */
export const pipelineLabels = {
  pipeline: 'floe.dev/pipeline',
  step: 'floe.dev/step',
  runId: 'floe.dev/run-id',
  attempt: 'floe.dev/attempt',
  layer: 'floe.dev/layer',
} as const;

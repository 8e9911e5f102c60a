import type { Pipeline, Platform } from '@floe/spec';
import type { SecretKey } from '../credentials/credential-refs.js';
import { container, envFromSecret, envValue, execProbe, tcpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { objectMeta } from '../kube/object-meta.js';
import { configMapVolume, emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { platformNames, serviceHost } from '../naming/platform-names.js';
import { pipelineRunAs } from '../pipeline-pod/pipeline-pod-defaults.js';
import { deployment } from '../workloads/deployment.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { codeLocation, codeLocationApp, codeLocationImage, codeLocationNames } from './code-location-contract.js';
import { compiledPipelineConfigMaps } from './compiled-pipeline-config-maps.js';
import { dagsterHome, dagsterPasswordEnv } from './dagster-paths.js';

/** Absent until pipelines are compiled (`renderPlatform(platform, { pipelines })`). */
function optionalConfigMapVolume(name: string, configMap: string) {
  return { name, configMap: { name: configMap, optional: true } };
}

const codeLocationResources = { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '1Gi' } };

/** The workspace.yaml entry that points the webserver and the daemon at the code location. */
export function codeLocationWorkspaceEntry(platform: Platform) {
  const names = platformNames(platform);
  return {
    grpc_server: {
      host: serviceHost(codeLocationNames(platform.metadata.name).codeLocation, names.platformNamespace),
      port: codeLocation.grpcPort,
      location_name: codeLocation.locationName,
    },
  };
}

/**
 * The Dagster code location of the platform's pipelines: a gRPC server
 * (`dagster api grpc --module-name dagster_floe.definitions`) that reads the
 * compiled pipelines from a ConfigMap and serves one job per pipeline, their
 * schedules and sensors. It only serves definitions: ops run in the run pods
 * Dagster's K8sRunLauncher starts (see run-launcher-config.ts), so it gets no
 * API access. Its pod template carries the compiled pipelines' checksum, so
 * a changed pipeline restarts it (Dagster loads definitions at start).
 *
 * Also the run pods' ServiceAccount in the jobs namespace, bound to the job
 * runner's Role (create/watch step Jobs there, nothing else).
 */
export function renderCodeLocation(platform: Platform, input: { pipelines: readonly Pipeline[]; instanceConfigMap: KubeObject; databasePassword: SecretKey }): KubeObject[] {
  const names = platformNames(platform);
  const own = codeLocationNames(platform.metadata.name);
  const ns = names.platformNamespace;
  const image = codeLocationImage(platform);
  const compiled = compiledPipelineConfigMaps(platform, input.pipelines);
  // The code location reads the pipelines, not the platform file (that is for `floe job run` in run pods).
  const consumed = [input.instanceConfigMap, ...compiled.filter((object) => object.metadata.namespace === ns && object.metadata.name === own.compiledPipelines)];
  const meta = { name: own.codeLocation, namespace: ns, app: codeLocationApp, image };
  const healthCheck = ['dagster', 'api', 'grpc-health-check', '-p', String(codeLocation.grpcPort)];
  const codeServer = deployment(platform, {
    ...meta,
    replicas: 1,
    template: podTemplate(platform, {
      labels: objectLabels(platform, codeLocationApp, { image }),
      runAs: pipelineRunAs,
      serviceAccountName: own.codeLocation,
      configs: consumed,
      containers: [container({
        name: 'code-location',
        image,
        command: ['dagster', 'api', 'grpc', '--module-name', codeLocation.module, '-h', '0.0.0.0', '-p', String(codeLocation.grpcPort)],
        ports: [{ name: 'grpc', containerPort: codeLocation.grpcPort }],
        env: [
          envValue('DAGSTER_HOME', dagsterHome),
          envValue('HOME', '/tmp'),
          // Run pods use this image (K8sRunLauncher prefers the code location's image).
          envValue(codeLocation.env.currentImage, image),
          envValue(codeLocation.env.pipelinesDir, codeLocation.pipelinesDir),
          envValue(codeLocation.env.platformFile, `${codeLocation.platformDir}/${codeLocation.platformFileName}`),
          // Sensors read run records from the instance (run_status_sensor), so the code location needs the database.
          envFromSecret(dagsterPasswordEnv, input.databasePassword.secret, input.databasePassword.key),
        ],
        resources: codeLocationResources,
        volumeMounts: [
          { name: 'dagster-home', mountPath: dagsterHome },
          { name: 'instance', mountPath: `${dagsterHome}/dagster.yaml`, subPath: 'dagster.yaml', readOnly: true },
          { name: 'pipelines', mountPath: codeLocation.pipelinesDir, readOnly: true },
          { name: 'platform-spec', mountPath: codeLocation.platformDir, readOnly: true },
          { name: 'tmp', mountPath: '/tmp' },
        ],
        // Loading definitions imports dagster: allow a slow first start.
        startupProbe: execProbe(healthCheck, { periodSeconds: 5, timeoutSeconds: 10, failureThreshold: 60 }),
        livenessProbe: execProbe(healthCheck, { periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 }),
        // Once the health check passed at start-up, an open gRPC port is enough to send traffic: no Python process every tick.
        readinessProbe: tcpProbe('grpc', { periodSeconds: 5 }),
      }, pipelineRunAs)],
      volumes: [
        emptyDirVolume('dagster-home', { sizeLimit: '256Mi' }),
        configMapVolume('instance', names.dagsterInstance),
        optionalConfigMapVolume('pipelines', own.compiledPipelines),
        optionalConfigMapVolume('platform-spec', own.platformSpec),
        emptyDirVolume('tmp'),
      ],
    }),
  });
  const jobsMeta = { namespace: names.jobsNamespace, app: codeLocationApp, image };
  return [
    serviceAccount(platform, { ...meta }),
    serviceAccount(platform, { ...jobsMeta, name: own.runWorker }),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: objectMeta(platform, { ...jobsMeta, name: own.runWorker }),
      // The job runner's Role (core/render-job-access.ts): step Jobs, their pods, logs and events, in the jobs namespace only.
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.jobRunner },
      subjects: [{ kind: 'ServiceAccount', name: own.runWorker, namespace: names.jobsNamespace }],
    },
    ...compiled,
    // Each client (webserver, daemon) keeps to one pod while a rollout has two: Dagster reloads a location when a poll
    // of the server id finds a new one, and fetches the definitions again in several calls, each its own connection.
    // Balanced one by one, they reached the old pod in 23 of 97 reloads on floe-node, and the webserver then served
    // the old pipelines until the next change (a poll on the new pod had already taken the new id).
    service(platform, { ...meta, ports: [{ name: 'grpc', port: codeLocation.grpcPort }], sessionAffinity: 'ClientIP' }),
    codeServer,
  ];
}

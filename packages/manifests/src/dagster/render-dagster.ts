import type { Pipeline, Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, envValue, execProbe, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { configMapVolume, emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { yamlText } from '../output/to-yaml.js';
import { postgresEndpoint } from '../postgres/postgres-endpoint.js';
import { postgresStatefulSet } from '../postgres/postgres-stateful-set.js';
import { configMap } from '../workloads/config-map.js';
import { deployment } from '../workloads/deployment.js';
import { horizontalPodAutoscaler, podDisruptionBudget } from '../workloads/scaling.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { dagsterHome, dagsterPasswordEnv, dagsterWorkspaceDir } from './dagster-paths.js';
import { dagsterInstanceConfig } from './instance-config.js';
import { codeLocationWorkspaceEntry, renderCodeLocation } from './render-code-location.js';
import { renderRunLauncherAccess } from './run-launcher-access.js';
import { platformImage } from '../images/platform-image.js';

// The Dagster images run as root by default.
const runAs = { user: 1001, group: 1001, fsGroup: 1001 };

/**
 * Dagster: webserver (Deployment + Service), daemon (Deployment), its
 * PostgreSQL (StatefulSet, unless external), dagster.yaml (in the platform
 * namespace for the services and in the jobs namespace for run pods),
 * workspace.yaml, and the code location serving `pipelines` (compiled into
 * ConfigMaps; none given means a code location with no jobs).
 */
export function renderDagster(platform: Platform, pipelines: readonly Pipeline[] = []): KubeObject[] {
  const spec = platform.spec.orchestrator;
  if (!spec.enabled) return [];
  const names = platformNames(platform);
  const ns = names.platformNamespace;
  const image = platformImage(platform, spec.image);
  const credentials = credentialPlan(platform);
  const password = credentials.dagsterDatabase!;
  const database = postgresEndpoint(spec.database, names.dagsterDatabase, ns, 'dagster');
  const instanceYaml = yamlText(dagsterInstanceConfig(platform, { database, databasePassword: password, instanceConfigMap: names.dagsterInstance }));
  const instanceConfigs = [...new Set([ns, names.jobsNamespace])].map((namespace) =>
    configMap(platform, { name: names.dagsterInstance, namespace, app: apps.dagster, image, data: { 'dagster.yaml': instanceYaml } }));
  const workspace = configMap(platform, { name: names.dagsterWorkspace, namespace: ns, app: apps.dagster, image, data: { 'workspace.yaml': yamlText({ load_from: [codeLocationWorkspaceEntry(platform)] }) } });
  const consumed = [instanceConfigs[0]!, workspace];
  const generated = spec.database.type === 'inCluster';
  const annotations = generated ? { [generatedCredentialAnnotation]: password.secret } : undefined;

  const common = {
    env: [
      envValue('DAGSTER_HOME', dagsterHome),
      envValue('HOME', '/tmp'),
      envFromSecret(dagsterPasswordEnv, password.secret, password.key),
    ],
    volumeMounts: [
      { name: 'dagster-home', mountPath: dagsterHome },
      { name: 'instance', mountPath: `${dagsterHome}/dagster.yaml`, subPath: 'dagster.yaml', readOnly: true },
      { name: 'workspace', mountPath: dagsterWorkspaceDir, readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
  const volumes = [
    emptyDirVolume('dagster-home', { sizeLimit: '256Mi' }),
    configMapVolume('instance', names.dagsterInstance),
    configMapVolume('workspace', names.dagsterWorkspace),
    emptyDirVolume('tmp'),
  ];
  const workspaceFile = `${dagsterWorkspaceDir}/workspace.yaml`;
  const webserverMeta = { name: names.dagsterWebserver, namespace: ns, app: apps.dagsterWebserver, image };
  const webserver = deployment(platform, {
    ...webserverMeta,
    ...(annotations ? { annotations } : {}),
    blueGreen: true,
    replicas: spec.webserver.replicas,
    ...(spec.webserver.autoscaling ? { autoscaling: spec.webserver.autoscaling } : {}),
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.dagsterWebserver, { image }),
      runAs,
      serviceAccountName: names.dagster,
      // The webserver terminates runs, i.e. deletes their Jobs.
      automountServiceAccountToken: true,
      configs: consumed,
      containers: [container({
        name: 'webserver',
        image,
        command: ['dagster-webserver', '-h', '0.0.0.0', '-p', String(ports.dagsterWebserver), '-w', workspaceFile],
        ports: [{ name: 'http', containerPort: ports.dagsterWebserver }],
        ...common,
        resources: containerResources(spec.webserver.resources),
        // Short periods: a deploy waits for Ready, and a slow tick only delays it (the same 300 s start budget).
        startupProbe: httpProbe('/server_info', 'http', { periodSeconds: 3, timeoutSeconds: 10, failureThreshold: 100 }),
        livenessProbe: httpProbe('/server_info', 'http', { periodSeconds: 20, timeoutSeconds: 10, failureThreshold: 6 }),
        readinessProbe: httpProbe('/server_info', 'http', { periodSeconds: 10, timeoutSeconds: 10 }),
      }, runAs)],
      volumes,
    }),
  });
  const daemonCheck = ['dagster-daemon', 'liveness-check'];
  const daemon = deployment(platform, {
    name: names.dagsterDaemon, namespace: ns, app: apps.dagsterDaemon, image,
    ...(annotations ? { annotations } : {}),
    // Exactly one daemon: it runs the scheduler and the run queue.
    replicas: 1,
    template: podTemplate(platform, {
      labels: objectLabels(platform, apps.dagsterDaemon, { image }),
      runAs,
      serviceAccountName: names.dagster,
      automountServiceAccountToken: true,
      configs: consumed,
      containers: [container({
        name: 'daemon',
        image,
        command: ['dagster-daemon', 'run', '-w', workspaceFile],
        ...common,
        resources: containerResources(spec.daemon.resources),
        // liveness-check reads daemon heartbeats from the database (a Python process each time): generous timeouts, and
        // checked often only while starting (5 s ticks, the same ~335 s budget), so Ready follows the first heartbeats.
        // No readiness probe: no Service sends the daemon traffic; started = heartbeating, and liveness restarts a stalled one.
        startupProbe: execProbe(daemonCheck, { initialDelaySeconds: 5, periodSeconds: 5, timeoutSeconds: 30, failureThreshold: 66 }),
        livenessProbe: execProbe(daemonCheck, { periodSeconds: 60, timeoutSeconds: 30, failureThreshold: 5 }),
      }, runAs)],
      volumes,
    }),
  });
  const scaling = { ...webserverMeta, replicas: spec.webserver.replicas, autoscaling: spec.webserver.autoscaling };
  return [
    serviceAccount(platform, { name: names.dagster, namespace: ns, app: apps.dagster, image }),
    ...renderRunLauncherAccess(platform),
    ...instanceConfigs,
    workspace,
    service(platform, { ...webserverMeta, blueGreenOf: names.dagsterWebserver, ports: [{ name: 'http', port: ports.dagsterWebserver }] }),
    ...(spec.database.type === 'inCluster'
      ? postgresStatefulSet(platform, { app: apps.dagsterDatabase, name: names.dagsterDatabase, namespace: ns, database: spec.database, owner: 'dagster', password, serviceAccountName: names.dagster, generated: true })
      : []),
    webserver,
    daemon,
    ...renderCodeLocation(platform, { pipelines, instanceConfigMap: instanceConfigs[0]!, databasePassword: password }),
    ...horizontalPodAutoscaler(platform, scaling),
    ...podDisruptionBudget(platform, scaling),
  ];
}

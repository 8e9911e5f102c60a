import type { Platform } from '@floe/spec';
import { credentialPlan } from '../credentials/credential-refs.js';
import { generatedCredentialAnnotation } from '../credentials/generated-credential.js';
import { apps } from '../kube/apps.js';
import { container, envFromSecret, envValue, httpProbe } from '../kube/container.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels } from '../kube/labels.js';
import { configMapVolume, emptyDirVolume, podTemplate } from '../kube/pod-template.js';
import { ports } from '../kube/ports.js';
import { containerResources } from '../kube/resources.js';
import { platformNames } from '../naming/platform-names.js';
import { yamlText } from '../output/to-yaml.js';
import { platformEndpoints } from '../platform-config/platform-endpoints.js';
import { configMap } from '../workloads/config-map.js';
import { deployment } from '../workloads/deployment.js';
import { service } from '../workloads/service.js';
import { serviceAccount } from '../workloads/service-account.js';
import { platformImage } from '../images/platform-image.js';

const runAs = { user: 472, group: 472, fsGroup: 472 };

/**
 * Grafana with Prometheus provisioned as its default datasource. Its state
 * is all provisioned, so it needs no volume (sqlite lives in an emptyDir).
 */
export function renderGrafana(platform: Platform): KubeObject[] {
  const spec = platform.spec.observability.grafana;
  if (!spec.enabled) return [];
  const names = platformNames(platform);
  const image = platformImage(platform, spec.image);
  const admin = credentialPlan(platform).grafanaAdmin!;
  const meta = { name: names.grafana, namespace: names.platformNamespace, app: apps.grafana, image };
  const datasources = configMap(platform, {
    ...meta,
    name: names.grafanaConfig,
    data: {
      'datasources.yaml': yamlText({
        apiVersion: 1,
        datasources: [{ name: 'Prometheus', uid: 'prometheus', type: 'prometheus', access: 'proxy', url: platformEndpoints(platform).prometheus, isDefault: true, editable: false }],
      }),
    },
  });
  return [
    serviceAccount(platform, meta),
    datasources,
    service(platform, { ...meta, ports: [{ name: 'http', port: ports.grafana }] }),
    deployment(platform, {
      ...meta,
      ...(spec.adminSecretRef ? {} : { annotations: { [generatedCredentialAnnotation]: admin.password.secret } }),
      replicas: 1,
      template: podTemplate(platform, {
        labels: objectLabels(platform, apps.grafana, { image }),
        runAs,
        serviceAccountName: names.grafana,
        configs: [datasources],
        containers: [container({
          name: 'grafana',
          image,
          ports: [{ name: 'http', containerPort: ports.grafana }],
          env: [
            envValue('GF_SERVER_HTTP_PORT', String(ports.grafana)),
            envValue('GF_PATHS_DATA', '/var/lib/grafana'),
            envValue('GF_PATHS_PROVISIONING', '/etc/grafana/provisioning'),
            // Grafana 13 with a read-only root: without this, bundled data-source plugins fail to update and vanish.
            envValue('GF_PLUGINS_PREINSTALL_DISABLED', 'true'),
            envValue('GF_ANALYTICS_REPORTING_ENABLED', 'false'),
            envValue('GF_ANALYTICS_CHECK_FOR_UPDATES', 'false'),
            envValue('GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES', 'false'),
            envFromSecret('GF_SECURITY_ADMIN_USER', admin.user.secret, admin.user.key),
            envFromSecret('GF_SECURITY_ADMIN_PASSWORD', admin.password.secret, admin.password.key),
          ],
          resources: containerResources(spec.resources),
          volumeMounts: [
            { name: 'data', mountPath: '/var/lib/grafana' },
            { name: 'tmp', mountPath: '/tmp' },
            { name: 'datasources', mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
          ],
          startupProbe: httpProbe('/api/health', 'http', { periodSeconds: 5, failureThreshold: 60 }),
          livenessProbe: httpProbe('/api/health', 'http', { periodSeconds: 10, failureThreshold: 6 }),
          readinessProbe: httpProbe('/api/health', 'http', { periodSeconds: 5 }),
        }, runAs)],
        volumes: [emptyDirVolume('data'), emptyDirVolume('tmp'), configMapVolume('datasources', names.grafanaConfig)],
      }),
    }),
  ];
}

import type { KubeObject } from '../src/kube/kube-object.js';
import { ofKind, type ContainerView, type PodTemplateView } from './fixtures.js';

/** Rendered objects with their pod templates and the run worker pod dagster-k8s would create. */
export interface Rendered {
  readonly objects: readonly KubeObject[];
  readonly pods: readonly PodTemplateView[];
  readonly runWorker: PodTemplateView;
}

const configMapDataOf = (objects: readonly KubeObject[]) => (namespace: string, name: string) =>
  (objects.find((object) => object.kind === 'ConfigMap' && object.metadata.namespace === namespace && object.metadata.name === name)?.['data'] ?? {}) as Record<string, string>;

/**
 * Settings that name a Service without being a connection the pod opens:
 * - FLOE_ORCHESTRATOR_URL, FLOE_REGISTRY_URL: published in the platform
 *   config for users' tools; no floe process reads them;
 * - CUBESTORE_SERVER_NAME: a Cube Store node's own advertised address;
 * - CUBESTORE_WORKERS on a worker: the cluster's member list (the router
 *   connects to the workers; workers connect to the router's metastore
 *   through CUBESTORE_META_ADDR).
 */
function isConnection(pod: PodTemplateView, setting: string): boolean {
  if (/(^|:)(FLOE_ORCHESTRATOR_URL|FLOE_REGISTRY_URL)$/.test(setting) || setting === 'env CUBESTORE_SERVER_NAME') return false;
  // The catalog bootstrap's plan names the storage endpoint for Polaris to use, not for the Job (which only calls
  // Polaris: see polaris/catalog-bootstrap.test.ts).
  if (setting === 'env FLOE_POLARIS_BOOTSTRAP') return false;
  return !(setting === 'env CUBESTORE_WORKERS' && pod.labels['app.kubernetes.io/component'] === 'worker');
}


/**
 * What a pod's processes are configured with: env values, command lines, and
 * the ConfigMaps they read by envFrom or as files. Run workers get the
 * Dagster instance (dagster.yaml) as an InstanceRef in their arguments, and
 * only start step Jobs, so the platform config they inherit is not theirs.
 */
function settingsOf(rendered: Rendered, pod: PodTemplateView): { setting: string; text: string }[] {
  const configMapData = configMapDataOf(rendered.objects);
  const instance = `${pod.labels['app.kubernetes.io/instance'] ?? ''}-dagster-instance`;
  if (pod === rendered.runWorker) return Object.entries(configMapData(pod.namespace, instance)).map(([key, text]) => ({ setting: `${instance}:${key}`, text }));
  const containers: ContainerView[] = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const fromConfigMaps = (names: readonly string[]) => names.flatMap((name) => Object.entries(configMapData(pod.namespace, name)).map(([key, text]) => ({ setting: `${name}:${key}`, text })));
  const volumes = ((pod.spec['volumes'] ?? []) as { configMap?: { name: string } }[]).flatMap((volume) => (volume.configMap ? [volume.configMap.name] : []));
  return [
    ...containers.flatMap((container) => [
      ...(container.env ?? []).flatMap((entry) => (entry.value === undefined ? [] : [{ setting: `env ${entry.name}`, text: entry.value }])),
      { setting: `${container.name} command`, text: [...((container['command'] ?? []) as string[]), ...((container['args'] ?? []) as string[])].join(' ') },
      ...fromConfigMaps(((container['envFrom'] ?? []) as { configMapRef?: { name: string } }[]).flatMap((source) => (source.configMapRef ? [source.configMapRef.name] : []))),
    ]),
    ...fromConfigMaps(volumes),
  ];
}

interface ServiceSpec { selector: Record<string, string>; ports: { name: string; port: number; targetPort: string | number }[] }

/** The pods behind a Service port, with the container port the connection lands on. */
export function backends(rendered: Rendered, service: KubeObject, port: number): { pod: PodTemplateView; containerPort: number }[] {
  const spec = service['spec'] as ServiceSpec;
  const servicePort = spec.ports.find((candidate) => candidate.port === port);
  if (!servicePort) return [];
  return rendered.pods
    .filter((candidate) => candidate.namespace === service.metadata.namespace && Object.entries(spec.selector).every(([key, value]) => candidate.labels[key] === value))
    .map((candidate) => {
      const named = candidate.spec.containers.flatMap((container) => (container['ports'] ?? []) as { name: string; containerPort: number }[]).find((entry) => entry.name === servicePort.targetPort);
      return { pod: candidate, containerPort: typeof servicePort.targetPort === 'number' ? servicePort.targetPort : named!.containerPort };
    });
}

export interface ConfiguredFlow { from: PodTemplateView; setting: string; service: KubeObject; port: number }

/**
 * Every `<service>.<namespace>.svc[:port]` a pod is configured to reach. A
 * host without a port (dagster.yaml's `hostname`, CUBEJS_CUBESTORE_HOST) takes
 * the Service ports that the pod's settings name elsewhere (`port: 5432`,
 * CUBEJS_CUBESTORE_PORT), else every port of the Service.
 */
export function configuredFlows(rendered: Rendered): ConfiguredFlow[] {
  const services = ofKind(rendered.objects, 'Service');
  const flows: ConfiguredFlow[] = [];
  for (const pod of rendered.pods) {
    const settings = settingsOf(rendered, pod).filter((entry) => isConnection(pod, entry.setting));
    const allText = settings.map((entry) => entry.text).join('\n');
    for (const { setting, text } of settings) {
      for (const match of text.matchAll(/([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?::(\d+))?/g)) {
        const service = services.find((candidate) => candidate.metadata.name === match[1] && candidate.metadata.namespace === match[2]);
        if (!service) continue;
        const servicePorts = (service['spec'] as ServiceSpec).ports.map((entry) => entry.port);
        const named = servicePorts.filter((port) => new RegExp(`\\b${port}\\b`).test(allText));
        for (const port of match[3] ? [Number(match[3])] : named.length > 0 ? named : servicePorts) flows.push({ from: pod, setting, service, port });
      }
    }
  }
  return flows;
}

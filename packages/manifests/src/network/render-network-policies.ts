import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { KubeObject } from '../kube/kube-object.js';
import { selectorLabels } from '../kube/labels.js';
import { objectMeta } from '../kube/object-meta.js';
import { objectName } from '../naming/object-name.js';
import { platformNames } from '../naming/platform-names.js';
import { trafficFlows, type PodGroup } from './traffic-flows.js';

const namespaceLabel = 'kubernetes.io/metadata.name';

function portList(list: readonly number[]) {
  return list.length > 0 ? { ports: list.map((port) => ({ protocol: 'TCP', port })) } : {};
}

/**
 * NetworkPolicies, when enabled: default deny (ingress and egress) in the
 * platform and jobs namespaces, DNS egress to kube-system, and for every
 * traffic flow an egress rule on the client and an ingress rule on the
 * server, whose selectors are the pods' own selector labels.
 */
export function renderNetworkPolicies(platform: Platform): KubeObject[] {
  if (!platform.spec.networkPolicies.enabled) return [];
  const names = platformNames(platform);
  const { flows, exposed } = trafficFlows(platform);
  const namespaces = [...new Set([names.platformNamespace, names.jobsNamespace])];
  const policy = (namespace: string, name: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: objectMeta(platform, { name, namespace, app: apps.floe }),
    spec,
  });
  const podSelector = (group: PodGroup) => ({ matchLabels: selectorLabels(platform, group.app) });
  const peer = (group: PodGroup, namespace: string) => (group.namespace === namespace
    ? { podSelector: podSelector(group) }
    : { namespaceSelector: { matchLabels: { [namespaceLabel]: group.namespace } }, podSelector: podSelector(group) });
  // "otel-collector" rather than "otel-collector-collector".
  const slug = (group: PodGroup) => (group.app.name.endsWith(group.app.component) ? group.app.name : `${group.app.name}-${group.app.component}`);
  const key = (group: PodGroup) => `${group.namespace}/${group.app.name}/${group.app.component}`;

  const ingress = new Map<string, { group: PodGroup; rules: Record<string, unknown>[] }>();
  const egress = new Map<string, { group: PodGroup; rules: Record<string, unknown>[] }>();
  const rulesOf = (map: typeof ingress, group: PodGroup) => {
    let entry = map.get(key(group));
    if (!entry) map.set(key(group), (entry = { group, rules: [] }));
    return entry.rules;
  };
  for (const flow of flows) {
    if (flow.to === 'outside') {
      rulesOf(egress, flow.from).push(portList(flow.ports));
      continue;
    }
    rulesOf(egress, flow.from).push({ to: [peer(flow.to, flow.from.namespace)], ...portList(flow.ports) });
    rulesOf(ingress, flow.to).push({ from: [peer(flow.from, flow.to.namespace)], ...portList(flow.ports) });
  }
  for (const entry of exposed) rulesOf(ingress, entry.to).push(portList(entry.ports));

  const dns = platform.spec.networkPolicies.dns;
  const dnsPorts = dns.ports.flatMap((port) => [{ protocol: 'UDP', port }, { protocol: 'TCP', port }]);
  return [
    ...namespaces.flatMap((namespace) => [
      policy(namespace, names.networkPolicy('default-deny'), { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }),
      policy(namespace, names.networkPolicy('allow-dns'), {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: { matchLabels: { [namespaceLabel]: dns.namespace } }, podSelector: { matchLabels: { ...dns.podLabels } } }], ports: dnsPorts }],
      }),
    ]),
    ...[...ingress.values()].map(({ group, rules }) =>
      policy(group.namespace, objectName(platform.metadata.name, slug(group), 'ingress'), { podSelector: podSelector(group), policyTypes: ['Ingress'], ingress: rules })),
    ...[...egress.values()].map(({ group, rules }) =>
      policy(group.namespace, objectName(platform.metadata.name, slug(group), 'egress'), { podSelector: podSelector(group), policyTypes: ['Egress'], egress: rules })),
  ];
}

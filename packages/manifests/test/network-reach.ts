import type { KubeObject } from '../src/kube/kube-object.js';
import type { PodTemplateView } from './fixtures.js';

interface Peer { namespaceSelector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels?: Record<string, string> } }
interface Rule { from?: Peer[]; to?: Peer[]; ports?: { port: number }[] }
export interface PolicySpec { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: Rule[]; egress?: Rule[] }
export interface PolicyView { namespace: string; name: string; spec: PolicySpec }

const matches = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([key, value]) => labels[key] === value);

function peerMatches(peer: Peer, policyNamespace: string, pod: PodTemplateView): boolean {
  const namespace = peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] ?? policyNamespace;
  return pod.namespace === namespace && matches(peer.podSelector, pod.labels);
}

/**
 * NetworkPolicy semantics over rendered objects, for tests: which pod may
 * open a connection to which pod on which port, and which may leave for
 * addresses outside the cluster's pods (the API server, external services).
 */
export function networkReach(objects: readonly KubeObject[]) {
  const policies: PolicyView[] = objects.filter((object) => object.kind === 'NetworkPolicy')
    .map((policy) => ({ namespace: policy.metadata.namespace!, name: policy.metadata.name, spec: policy['spec'] as PolicySpec }));
  const selecting = (subject: PodTemplateView, type: 'Ingress' | 'Egress') =>
    policies.filter((policy) => policy.namespace === subject.namespace && policy.spec.policyTypes.includes(type) && matches(policy.spec.podSelector, subject.labels));
  const allows = (direction: 'ingress' | 'egress', subject: PodTemplateView, other: PodTemplateView, port: number): boolean => {
    const applying = selecting(subject, direction === 'ingress' ? 'Ingress' : 'Egress');
    if (applying.length === 0) return true;
    return applying.some((policy) => (policy.spec[direction] ?? []).some((rule) => {
      const peers = direction === 'ingress' ? rule.from : rule.to;
      const peerOk = peers === undefined || peers.some((peer) => peerMatches(peer, policy.namespace, other));
      const portOk = rule.ports === undefined || rule.ports.some((candidate) => candidate.port === port);
      return peerOk && portOk;
    }));
  };
  return {
    policies,
    matches,
    peerMatches,
    /** Both the client's egress and the server's ingress allow the connection. */
    canReach: (from: PodTemplateView, to: PodTemplateView, port: number) => allows('egress', from, to, port) && allows('ingress', to, from, port),
    /** An egress rule without peers allows `port`. */
    reachesOutside: (subject: PodTemplateView, port: number) => selecting(subject, 'Egress')
      .some((policy) => (policy.spec.egress ?? []).some((rule) => rule.to === undefined && (rule.ports === undefined || rule.ports.some((candidate) => candidate.port === port)))),
  };
}

import type { KubeObject } from '@floe/kube';

function matches(selector: Record<string, string>, object: KubeObject): boolean {
  const labels = object.metadata.labels ?? {};
  const wanted = Object.entries(selector);
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}

/**
 * The pods of a workload's current revision — not those of the revision a
 * rollout or rollback is replacing, whose crash-looping must not fail the
 * new one. Deployments: the pods of the ReplicaSet with the Deployment's
 * revision; StatefulSets: pods of `status.updateRevision`; others: the
 * selector. Undefined when the current revision is not known yet (also
 * while the controller has not observed the latest generation).
 */
export function currentPods(workload: KubeObject, pods: readonly KubeObject[], replicaSets: readonly KubeObject[]): KubeObject[] | undefined {
  // Until the controller has seen the latest spec, its revision markers still name the previous revision:
  // judging those pods would fail a rollback on the crash-looping pods it is about to replace.
  const observed = (workload['status'] as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0;
  if (workload.kind !== 'Job' && workload.metadata.generation !== undefined && observed < workload.metadata.generation) return undefined;
  const selector = (workload['spec'] as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels ?? {};
  const selected = pods.filter((pod) => matches(selector, pod));
  if (workload.kind === 'Deployment') {
    const revision = workload.metadata.annotations?.['deployment.kubernetes.io/revision'];
    const replicaSet = replicaSets.find((candidate) =>
      candidate.metadata.ownerReferences?.some((owner) => owner.uid === workload.metadata.uid) === true &&
      candidate.metadata.annotations?.['deployment.kubernetes.io/revision'] === revision);
    const hash = replicaSet?.metadata.labels?.['pod-template-hash'];
    if (!revision || !hash) return undefined;
    return selected.filter((pod) => pod.metadata.labels?.['pod-template-hash'] === hash);
  }
  if (workload.kind === 'StatefulSet') {
    const updateRevision = (workload['status'] as { updateRevision?: string } | undefined)?.updateRevision;
    if (!updateRevision) return undefined;
    return selected.filter((pod) => pod.metadata.labels?.['controller-revision-hash'] === updateRevision);
  }
  return selected;
}

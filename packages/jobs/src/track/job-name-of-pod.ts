import type { PodObject } from '../attempt/kube-shapes.js';

/** The Job that owns a pod: the controller's labels, else the owner reference. */
export function jobNameOfPod(pod: PodObject): string | undefined {
  const labels = pod.metadata.labels ?? {};
  return labels['batch.kubernetes.io/job-name'] ?? labels['job-name'] ?? pod.metadata.ownerReferences?.find((owner) => owner.kind === 'Job')?.name;
}

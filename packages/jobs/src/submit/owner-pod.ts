import { FloeError } from '@floe/errors';

/**
 * The pod that started an attempt (e.g. Dagster's run worker). The attempt's
 * Job names it as its owner, so Kubernetes' garbage collector deletes the
 * Job, and with it the step's pod, when that pod is deleted: a run worker
 * lost to a drain, an eviction or a terminated run leaves no step behind,
 * even when it had no time to cancel its steps itself.
 */
export interface OwnerPod {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** `--owned-by-pod` that is not NAMESPACE/NAME/UID, or a pod in another namespace than the Job. */
export class InvalidOwnerPodError extends FloeError {
  constructor(message: string) {
    super('JOBS_INVALID_OWNER_POD', message);
  }
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const uid = /^[0-9a-fA-F-]{8,64}$/;

/** Parses NAMESPACE/NAME/UID (the downward API's metadata.namespace, metadata.name and metadata.uid). */
export function parseOwnerPod(text: string): OwnerPod {
  const [namespace = '', name = '', podUid = '', ...rest] = text.split('/');
  if (rest.length > 0 || !dnsLabel.test(namespace) || !dnsSubdomain.test(name) || !uid.test(podUid)) {
    throw new InvalidOwnerPodError(`owner pod "${text}" is not NAMESPACE/NAME/UID: pass the pod's namespace, name and uid (downward API metadata.namespace, metadata.name, metadata.uid)`);
  }
  return { namespace, name, uid: podUid };
}

/**
 * The Job's ownerReference to the pod. Owners must live in the dependent's
 * namespace (the garbage collector deletes a dependent whose owner it cannot
 * find there), so a pod elsewhere is refused. No blockOwnerDeletion: that
 * needs `update` on pods/finalizers, and nothing should wait for the step.
 */
export function ownerReferenceToPod(owner: OwnerPod, jobNamespace: string) {
  if (owner.namespace !== jobNamespace) {
    throw new InvalidOwnerPodError(`owner pod ${owner.namespace}/${owner.name} is not in the Job's namespace ${jobNamespace}: an owner must be in its dependent's namespace (run the runner's pod in ${jobNamespace}, or leave the owner out)`);
  }
  return { apiVersion: 'v1', kind: 'Pod', name: owner.name, uid: owner.uid, controller: false, blockOwnerDeletion: false };
}

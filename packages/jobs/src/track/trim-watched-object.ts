import type { KubeObject } from '@floe/kube';

/**
 * What the tracker keeps of each watched object: the classifier reads a Job's
 * metadata, deadline, suspension and status, and a pod's metadata, node and
 * status (the node name is evidence for the attempt report).
 * Dropping pod specs and Job templates (with the step's env and FLOE_STEP
 * JSON) is what keeps a runner tracking a thousand runs small.
 */
export function trimWatchedObject(object: KubeObject): KubeObject {
  if (object.kind === 'Pod') {
    const nodeName = (object['spec'] as { nodeName?: string } | undefined)?.nodeName;
    return { apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata, ...(nodeName ? { spec: { nodeName } } : {}), ...(object['status'] ? { status: object['status'] } : {}) };
  }
  if (object.kind === 'Job') {
    const spec = (object['spec'] ?? {}) as { activeDeadlineSeconds?: number; suspend?: boolean };
    return {
      apiVersion: object.apiVersion, kind: object.kind, metadata: object.metadata,
      spec: { ...(spec.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}), ...(spec.suspend !== undefined ? { suspend: spec.suspend } : {}) },
      ...(object['status'] ? { status: object['status'] } : {}),
    };
  }
  return object;
}

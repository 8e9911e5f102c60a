import type { KubeObject } from '@floe/kube';

/**
 * What the tracker keeps of each watched object: the classifier reads a Job's
 * metadata, deadline, suspension and status, and a pod's metadata, node and
 * status (the node name is evidence for the attempt report).
 * Dropping pod specs, Job templates (with the step's env and FLOE_STEP
 * JSON) and managedFields is what keeps a runner tracking a thousand runs small.
 */
export function trimWatchedObject(object: KubeObject): KubeObject {
  // A list (the tracker's reconcile) still carries managedFields; a watch has dropped them.
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  if (object.kind === 'Pod') {
    const nodeName = (object['spec'] as { nodeName?: string } | undefined)?.nodeName;
    return { apiVersion: object.apiVersion, kind: object.kind, metadata, ...(nodeName ? { spec: { nodeName } } : {}), ...(object['status'] ? { status: object['status'] } : {}) };
  }
  if (object.kind === 'Job') {
    const spec = (object['spec'] ?? {}) as { activeDeadlineSeconds?: number; suspend?: boolean };
    return {
      apiVersion: object.apiVersion, kind: object.kind, metadata,
      spec: { ...(spec.activeDeadlineSeconds !== undefined ? { activeDeadlineSeconds: spec.activeDeadlineSeconds } : {}), ...(spec.suspend !== undefined ? { suspend: spec.suspend } : {}) },
      ...(object['status'] ? { status: object['status'] } : {}),
    };
  }
  return object;
}

import type { KubeObject } from '@floe/kube';
import type { KubeObject as RenderedObject } from '@floe/manifests';
import { appliedDigestAnnotation, objectDigest } from '../drift/applied-digest.js';
import { applySetLabels, type ApplySetParent } from '../inventory/apply-set.js';

/** The object as floe applies it: ApplySet membership label and the digest of the desired state. */
export function desiredObject(object: RenderedObject, parent: ApplySetParent): KubeObject {
  const labelled: KubeObject = {
    ...object,
    metadata: { ...object.metadata, annotations: { ...object.metadata.annotations }, labels: { ...object.metadata.labels, [applySetLabels.partOf]: parent.id } },
  };
  const digest = objectDigest(labelled);
  return { ...labelled, metadata: { ...labelled.metadata, annotations: { ...labelled.metadata.annotations, [appliedDigestAnnotation]: digest } } };
}


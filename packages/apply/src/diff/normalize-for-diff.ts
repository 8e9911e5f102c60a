import type { KubeObject } from '@floe/kube';
import { appliedDigestAnnotation } from '../drift/applied-digest.js';

const volatileMetadata = ['managedFields', 'resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink'];

/**
 * An object as a diff shows it: without server bookkeeping (managed fields,
 * resource version, status, floe's digest annotation), and with Secret
 * values masked — a diff only says that a value changed, never what it is.
 */
export function normalizeForDiff(object: KubeObject, maskAgainst?: KubeObject): Record<string, unknown> {
  const metadata = Object.fromEntries(Object.entries(object.metadata).filter(([key]) => !volatileMetadata.includes(key)));
  const bookkeeping = [appliedDigestAnnotation, 'deployment.kubernetes.io/revision'];
  const annotations = Object.fromEntries(Object.entries(object.metadata.annotations ?? {}).filter(([key]) => !bookkeeping.includes(key)));
  if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  else delete metadata['annotations'];
  const normalized: Record<string, unknown> = { ...object, metadata };
  delete normalized['status'];
  if (object.kind === 'Secret') {
    for (const field of ['data', 'stringData']) {
      const values = object[field] as Record<string, string> | undefined;
      if (!values) continue;
      const other = maskAgainst?.[field] as Record<string, string> | undefined;
      normalized[field] = Object.fromEntries(Object.keys(values).sort().map((key) => [key, other && other[key] !== values[key] ? '*** (changed)' : '***']));
    }
  }
  return normalized;
}

import { KubeApiError, refOf, type KubeObject } from '@floe/kube';
import { VolumeSizeChangeRefusedError } from './deploy-errors.js';

interface ClaimSpec {
  readonly resources?: { readonly requests?: { readonly storage?: string } };
}

function sizeOf(object: KubeObject | undefined): string | undefined {
  return (object?.['spec'] as ClaimSpec | undefined)?.resources?.requests?.storage;
}

/**
 * The typed error for an apply of a PersistentVolumeClaim whose size the API
 * server refused to change: 403 "only dynamically provisioned pvc can be
 * resized and the storageclass that provisions the pvc must support resize",
 * or 422 "field can not be less than previous value". Undefined for any other
 * failure.
 */
export function volumeSizeChangeRefused(desired: KubeObject, live: KubeObject | undefined, error: unknown): VolumeSizeChangeRefusedError | undefined {
  if (desired.kind !== 'PersistentVolumeClaim' || !(error instanceof KubeApiError)) return undefined;
  if (error.statusCode !== 403 && error.statusCode !== 422) return undefined;
  const liveSize = sizeOf(live);
  const desiredSize = sizeOf(desired);
  if (liveSize === undefined || desiredSize === undefined || liveSize === desiredSize) return undefined;
  return new VolumeSizeChangeRefusedError(refOf(desired), liveSize, desiredSize, error);
}

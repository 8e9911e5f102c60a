import { describe, expect, it } from 'vitest';
import { KubeApiError, type KubeObject } from '@floe/kube';
import { volumeSizeChangeRefused } from './volume-size-change.js';

const claim = (storage: string): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'acme-data-minio', namespace: 'floe-platform' }, spec: { resources: { requests: { storage } } } });
// The API server's own answer to a grown claim on a statically provisioned volume (kube-apiserver's PVC admission).
const forbidden = new KubeApiError('PATCH persistentvolumeclaims/acme-data-minio', { code: 403, reason: 'Forbidden', message: 'persistentvolumeclaims "acme-data-minio" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize' });

describe('volumeSizeChangeRefused', () => {
  it('turns a refused resize into a typed error naming the object, both sizes and what to do, category invalid-input', () => {
    const error = volumeSizeChangeRefused(claim('20Gi'), claim('10Gi'), forbidden);
    expect(error).toMatchObject({ code: 'VOLUME_SIZE_CHANGE_REFUSED', category: 'invalid-input', liveSize: '10Gi', desiredSize: '20Gi' });
    expect(error?.message).toContain('PersistentVolumeClaim floe-platform/acme-data-minio');
    expect(error?.message).toContain('allowVolumeExpansion: true');
    expect(error?.message).toContain('Keep 10Gi');
  });

  it('also covers a shrink (422), and leaves other failures and other kinds alone', () => {
    const shrink = new KubeApiError('PATCH persistentvolumeclaims/x', { code: 422, reason: 'Invalid', message: 'spec.resources.requests.storage: Forbidden: field can not be less than previous value' });
    expect(volumeSizeChangeRefused(claim('5Gi'), claim('10Gi'), shrink)?.code).toBe('VOLUME_SIZE_CHANGE_REFUSED');
    expect(volumeSizeChangeRefused(claim('10Gi'), claim('10Gi'), forbidden)).toBeUndefined();
    expect(volumeSizeChangeRefused(claim('20Gi'), undefined, forbidden)).toBeUndefined();
    expect(volumeSizeChangeRefused({ ...claim('20Gi'), kind: 'ConfigMap' }, claim('10Gi'), forbidden)).toBeUndefined();
    expect(volumeSizeChangeRefused(claim('20Gi'), claim('10Gi'), new Error('socket hang up'))).toBeUndefined();
  });
});

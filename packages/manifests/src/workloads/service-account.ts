import type { Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';

/** A ServiceAccount; its token is mounted only into pods that ask for it. */
export function serviceAccount(platform: Platform, input: MetaInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: objectMeta(platform, input),
    automountServiceAccountToken: false,
  };
}

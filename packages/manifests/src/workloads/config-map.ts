import type { Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { sortedRecord } from '../kube/labels.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';

/** A ConfigMap with its keys sorted. Never holds a secret value. */
export function configMap(platform: Platform, input: MetaInput & { data: Record<string, string> }): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: objectMeta(platform, input),
    data: sortedRecord(input.data),
  };
}

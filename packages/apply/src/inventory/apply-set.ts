import { createHash } from 'node:crypto';
import type { ObjectRef } from '@floe/kube';

/** KEP-3659 ApplySet labels and annotations, so `kubectl` can read floe's inventory. */
export const applySetLabels = {
  id: 'applyset.kubernetes.io/id',
  partOf: 'applyset.kubernetes.io/part-of',
} as const;

export const applySetAnnotations = {
  tooling: 'applyset.kubernetes.io/tooling',
  containsGroupKinds: 'applyset.kubernetes.io/contains-group-kinds',
  additionalNamespaces: 'applyset.kubernetes.io/additional-namespaces',
} as const;

/** floe's own label every platform object carries; prune never touches an object without it. */
export const floePartOfLabel = { key: 'app.kubernetes.io/part-of', value: 'floe' } as const;

/** The parent of one platform's ApplySet: a ConfigMap in the platform namespace. */
export interface ApplySetParent {
  readonly name: string;
  readonly namespace: string;
  readonly id: string;
}

/** `applyset-<base64url(sha256(name.namespace.kind.group))>-v1`, as KEP-3659 defines the id. */
export function applySetId(name: string, namespace: string, kind = 'ConfigMap', group = ''): string {
  const hash = createHash('sha256').update(`${name}.${namespace}.${kind}.${group}`).digest('base64url');
  return `applyset-${hash}-v1`;
}

export function applySetParent(platformName: string, platformNamespace: string): ApplySetParent {
  const name = `${platformName}-inventory`;
  return { name, namespace: platformNamespace, id: applySetId(name, platformNamespace) };
}

/** `Deployment.apps`, `ConfigMap` — the group-kind form of KEP-3659. */
export function groupKind(apiVersion: string, kind: string): string {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group ? `${kind}.${group}` : kind;
}

/** A stable text key of an object reference: `apps/v1|Deployment|ns|name`. */
export function refKey(ref: ObjectRef): string {
  return [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('|');
}

export function refFromKey(key: string): ObjectRef {
  const [apiVersion = '', kind = '', namespace = '', name = ''] = key.split('|');
  return { apiVersion, kind, name, ...(namespace ? { namespace } : {}) };
}

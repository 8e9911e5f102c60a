import type { KubeObject } from '../resources/kube-object.js';

/** A change seen by a watch. Relists after 410 Gone produce the same events (with DELETED for objects that vanished meanwhile). */
export interface WatchEvent<T extends KubeObject = KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: T;
}

/** What a watch is on: one kind, optionally one namespace and selectors. */
export interface WatchTarget {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/** Identity of a target, so two subscribers of the same thing share one watch. */
export function watchTargetKey(target: WatchTarget): string {
  return [target.apiVersion, target.kind, target.namespace ?? '', target.labelSelector ?? '', target.fieldSelector ?? ''].join('|');
}

/** `namespace/name`, the cache key of an object. */
export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
}

/** Any Kubernetes object, as plain JSON. floe never round-trips objects through generated models. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean; blockOwnerDeletion?: boolean }[];
  managedFields?: { manager?: string; operation?: string; fieldsV1?: unknown }[];
  [field: string]: unknown;
}

/** What identifies an object: its type, namespace and name. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** `Deployment floe-platform/acme-dagster-webserver`, for messages. */
export function describeObject(ref: ObjectRef | KubeObject): string {
  const name = 'metadata' in ref ? ref.metadata.name : ref.name;
  const namespace = 'metadata' in ref ? ref.metadata.namespace : ref.namespace;
  return `${ref.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/** The reference (type, namespace, name) of an object. */
export function refOf(object: { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name: string; readonly namespace?: string } }): ObjectRef {
  return { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
}

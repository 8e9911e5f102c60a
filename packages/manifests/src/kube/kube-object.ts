/**
 * A Kubernetes object as plain JSON: what the API server accepts. floe keeps
 * its own minimal type instead of @kubernetes/client-node's models, whose
 * serializer drops fields it does not know.
 */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A JSON value as it appears inside a Kubernetes object. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json | undefined };

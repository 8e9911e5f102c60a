import { readFileSync } from 'node:fs';
import { parsePipelineSpec, parsePlatformSpec, type Pipeline, type Platform } from '@floe/spec';
import type { KubeObject } from '../src/kube/kube-object.js';

const examples = new URL('../../../examples/', import.meta.url);

/** The full example platform (every service on), validated with defaults. */
export function examplePlatform(): Platform {
  return parsePlatformSpec(readFileSync(new URL('platform.yaml', examples), 'utf8'), { file: 'platform.yaml' });
}

/** The example platform's YAML text, for variants. */
export function examplePlatformText(): string {
  return readFileSync(new URL('platform.yaml', examples), 'utf8');
}

/** A platform from the example text with `edit` applied to the text. */
export function platformFromText(text: string): Platform {
  return parsePlatformSpec(text, { file: 'variant.yaml' });
}

/** The example pipeline `name` (orders, nightly-marts). */
export function examplePipeline(name: string): Pipeline {
  return parsePipelineSpec(readFileSync(new URL(`pipelines/${name}.yaml`, examples), 'utf8'), { file: `${name}.yaml` });
}

export interface PodTemplateView {
  readonly owner: KubeObject;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly spec: PodSpecView;
}

export interface ContainerView {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown>;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  volumeMounts?: { name: string; mountPath: string }[];
  [field: string]: unknown;
}

export interface PodSpecView {
  securityContext: Record<string, unknown>;
  containers: ContainerView[];
  initContainers?: ContainerView[];
  enableServiceLinks?: boolean;
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  [field: string]: unknown;
}

/** The pod template of every workload among `objects` (Deployments, StatefulSets, Jobs). */
export function podTemplates(objects: readonly KubeObject[]): PodTemplateView[] {
  return objects.flatMap((object) => {
    if (!['Deployment', 'StatefulSet', 'Job'].includes(object.kind)) return [];
    const template = (object['spec'] as { template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> }; spec: PodSpecView } }).template;
    return [{ owner: object, namespace: object.metadata.namespace!, labels: template.metadata.labels, annotations: template.metadata.annotations ?? {}, spec: template.spec }];
  });
}

/** `objects` of `kind`. */
export function ofKind(objects: readonly KubeObject[], kind: string): KubeObject[] {
  return objects.filter((object) => object.kind === kind);
}

/** The local example platform (examples/local/platform.yaml: stand-in images, the iceberg-rest catalog), validated with defaults. */
export function localExamplePlatform(): Platform {
  return parsePlatformSpec(readFileSync(new URL('local/platform.yaml', examples), 'utf8'), { file: 'local/platform.yaml' });
}

import { refOf, type KubeObject } from '@floe/kube';
import { waitsForDependenciesAnnotation, waitsItself } from '@floe/manifests';
import { refKey } from '../inventory/apply-set.js';
import { phaseOfObject } from './apply-phase.js';

/** Workloads that need the same stateful workloads Ready before they are applied. */
export interface DependencyGroup {
  /** The stateful workloads to wait for (none: apply at once). */
  readonly needs: readonly KubeObject[];
  readonly objects: readonly KubeObject[];
}

function isSubset(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** The names a workload can reach a stateful workload by: its own, and those of the Services that select its pods. */
function namesOf(stateful: KubeObject, services: readonly KubeObject[]): string[] {
  const labels = (stateful['spec'] as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template?.metadata?.labels ?? {};
  const selecting = services.filter((service) => service.metadata.namespace === stateful.metadata.namespace
    && isSubset((service['spec'] as { selector?: Record<string, string> } | undefined)?.selector ?? {}, labels));
  return [stateful.metadata.name, ...selecting.map((service) => service.metadata.name)];
}

/** A ConfigMap's or Secret's values as text (Secret data decoded), to look for host names in. */
function valuesOf(object: KubeObject): string {
  const data = (object['data'] ?? {}) as Record<string, string>;
  const decoded = object.kind === 'Secret' ? Object.values(data).map((value) => Buffer.from(value, 'base64').toString('utf8')) : Object.values(data);
  return [...decoded, ...Object.values((object['stringData'] ?? {}) as Record<string, string>)].join('\n');
}

/** The stateful workloads whose names a workload's spec, or a ConfigMap or Secret its spec names, mentions. */
function mentioned(workload: KubeObject, names: readonly { object: KubeObject; names: string[] }[], sources: readonly KubeObject[]): KubeObject[] {
  const spec = JSON.stringify(workload['spec'] ?? {});
  const referenced = sources.filter((source) => source.metadata.namespace === workload.metadata.namespace && spec.includes(JSON.stringify(source.metadata.name)));
  const text = [spec, ...referenced.map(valuesOf)].join('\n');
  return names.filter((entry) => entry.names.some((name) => text.includes(name))).map((entry) => entry.object);
}

/**
 * Which stateful workloads (databases, object storage, caches) each workload
 * needs Ready before it is applied: those its spec, or a ConfigMap or Secret
 * its spec names, mentions by the StatefulSet's name or the name of a Service
 * selecting its pods (how a server is pointed at its database). A mention
 * anywhere counts, so a doubtful case waits rather than starts early. A
 * workload annotated as waiting for them itself (`floe.dev/waits-for-dependencies:
 * itself`, a setup Job that retries until its server answers) needs none,
 * unless it is in the bootstrap phase. Workloads that need the same ones are
 * grouped; their order is kept.
 */
export function groupByDependencies(stateful: readonly KubeObject[], workloads: readonly KubeObject[], all: readonly KubeObject[]): DependencyGroup[] {
  const services = all.filter((object) => object.kind === 'Service');
  const sources = all.filter((object) => object.kind === 'ConfigMap' || object.kind === 'Secret');
  const names = stateful.map((object) => ({ object, names: namesOf(object, services) }));
  const groups = new Map<string, { needs: KubeObject[]; objects: KubeObject[] }>();
  for (const workload of workloads) {
    const itself = workload.metadata.annotations?.[waitsForDependenciesAnnotation] === waitsItself && phaseOfObject(workload) !== 'bootstrap';
    const needs = itself ? [] : mentioned(workload, names, sources);
    const key = needs.map((object) => refKey(refOf(object))).join(',');
    const group = groups.get(key) ?? { needs, objects: [] };
    group.objects.push(workload);
    groups.set(key, group);
  }
  return [...groups.values()];
}

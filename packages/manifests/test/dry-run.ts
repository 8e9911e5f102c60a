import { KubeApiError, type ResourceClient } from '@floe/kube';
import type { KubeObject } from '../src/index.js';

interface PodTemplateOwnerSpec {
  template?: { metadata?: { labels?: Record<string, string> }; spec: { volumes?: unknown[] } };
  volumeClaimTemplates?: { metadata: { name: string } }[];
}

/**
 * Each workload's pod template as the Pod its controller would create.
 * Pod Security admission enforces on Pods only (for Deployments, StatefulSets
 * and Jobs it merely warns), so the templates must be dry-run as Pods to prove
 * they are admitted. A StatefulSet's pods get one PVC volume per claim template.
 */
export function podsOf(objects: readonly KubeObject[]): KubeObject[] {
  return objects.flatMap((object) => {
    const spec = object['spec'] as PodTemplateOwnerSpec | undefined;
    const template = spec?.template;
    if (!template) return [];
    const claimVolumes = (spec.volumeClaimTemplates ?? []).map((claim) => ({ name: claim.metadata.name, persistentVolumeClaim: { claimName: `${claim.metadata.name}-${object.metadata.name}-0` } }));
    const podSpec = { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...claimVolumes] };
    return [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: `${object.metadata.name}-dry-run`.slice(0, 63), namespace: object.metadata.namespace ?? '', labels: template.metadata?.labels ?? {} }, spec: podSpec }];
  });
}

/** Server-side dry-run applies each object; returns one line per object the API server refused. */
export async function dryRunRejections(resources: ResourceClient, objects: readonly KubeObject[]): Promise<string[]> {
  const rejected: string[] = [];
  for (const object of objects) {
    try {
      await resources.apply(object, { dryRun: true });
    } catch (error) {
      rejected.push(`${object.kind} ${object.metadata.name}: ${error instanceof KubeApiError ? error.message : String(error)}`);
    }
  }
  return rejected;
}

/**
 * Creates the Namespaces (with the renderer's Pod Security labels) and the
 * ServiceAccounts of a rendered set for real — dry-run objects and Pods need
 * them to exist — and returns the function that deletes those namespaces.
 */
export async function createPrerequisites(resources: ResourceClient, objects: readonly KubeObject[]): Promise<() => Promise<void>> {
  const namespaces = objects.filter((object) => object.kind === 'Namespace');
  for (const namespace of namespaces) await resources.apply(namespace);
  for (const account of objects.filter((object) => object.kind === 'ServiceAccount')) await resources.apply(account);
  return async () => {
    for (const namespace of namespaces) await resources.delete({ apiVersion: 'v1', kind: 'Namespace', name: namespace.metadata.name });
  };
}

import { isStatus, type KubeObject, type ResourceClient } from '@floe/kube';
import type { JobObject } from '../attempt/kube-shapes.js';

/** An object the pod template needs before a pod can start. */
export interface PodReference {
  readonly kind: 'ConfigMap' | 'Secret' | 'ServiceAccount';
  readonly name: string;
  /** A key that must exist in it (env `...KeyRef`). */
  readonly key?: string;
  /** Where the template refers to it, for the message. */
  readonly usedBy: string;
}

interface EnvSource {
  configMapRef?: { name: string; optional?: boolean };
  secretRef?: { name: string; optional?: boolean };
}
interface EnvVar {
  name: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string; optional?: boolean }; secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface PodSpec {
  serviceAccountName?: string;
  containers: { envFrom?: EnvSource[]; env?: EnvVar[] }[];
  volumes?: { name: string; configMap?: { name: string; optional?: boolean }; secret?: { secretName: string; optional?: boolean } }[];
}

/** Every ConfigMap, Secret (and key) and ServiceAccount the Job's pod template requires (optional ones left out). */
export function podReferences(job: JobObject): PodReference[] {
  const spec = (job.spec as { template: { spec: PodSpec } }).template.spec;
  const references: PodReference[] = [];
  if (spec.serviceAccountName) references.push({ kind: 'ServiceAccount', name: spec.serviceAccountName, usedBy: 'serviceAccountName' });
  for (const container of spec.containers) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef && !source.configMapRef.optional) references.push({ kind: 'ConfigMap', name: source.configMapRef.name, usedBy: 'envFrom' });
      if (source.secretRef && !source.secretRef.optional) references.push({ kind: 'Secret', name: source.secretRef.name, usedBy: 'envFrom' });
    }
    for (const variable of container.env ?? []) {
      const configMapKey = variable.valueFrom?.configMapKeyRef;
      const secretKey = variable.valueFrom?.secretKeyRef;
      if (configMapKey && !configMapKey.optional) references.push({ kind: 'ConfigMap', name: configMapKey.name, key: configMapKey.key, usedBy: `env ${variable.name}` });
      if (secretKey && !secretKey.optional) references.push({ kind: 'Secret', name: secretKey.name, key: secretKey.key, usedBy: `env ${variable.name}` });
    }
  }
  for (const volume of spec.volumes ?? []) {
    if (volume.configMap && !volume.configMap.optional) references.push({ kind: 'ConfigMap', name: volume.configMap.name, usedBy: `volume ${volume.name}` });
    if (volume.secret && !volume.secret.optional) references.push({ kind: 'Secret', name: volume.secret.secretName, usedBy: `volume ${volume.name}` });
  }
  return references;
}

/**
 * Checks that what the pod template references exists, before a Job is
 * created, so a missing ConfigMap/Secret/ServiceAccount becomes a
 * ConfigError at once instead of a pod stuck in CreateContainerConfigError.
 * Objects found are cached for `cacheMs` (one GET per object per window,
 * not per job). A reference the runner may not read (403) is not checked:
 * the pod's own status still classifies it.
 */
export class Preflight {
  private readonly found = new Map<string, { object: Promise<KubeObject | undefined | 'unknown'>; at: number }>();

  constructor(private readonly resources: ResourceClient, private readonly cacheMs = 30_000) {}

  /** The problems with `job`'s references; empty when it can run. */
  async problems(job: JobObject): Promise<string[]> {
    const namespace = job.metadata.namespace ?? 'default';
    const problems: string[] = [];
    for (const reference of podReferences(job)) {
      const object = await this.read(namespace, reference);
      if (object === 'unknown') continue;
      const what = `${reference.kind} ${namespace}/${reference.name}`;
      if (!object) {
        problems.push(`${what} does not exist (used by ${reference.usedBy}); deploy the platform (floe platform deploy) or create it`);
        continue;
      }
      if (reference.key !== undefined) {
        const data = { ...(object['data'] as Record<string, string> | undefined), ...(object['binaryData'] as Record<string, string> | undefined), ...(object['stringData'] as Record<string, string> | undefined) };
        if (!(reference.key in data)) problems.push(`${what} has no key "${reference.key}" (used by ${reference.usedBy})`);
      }
    }
    return problems;
  }

  private read(namespace: string, reference: PodReference): Promise<KubeObject | undefined | 'unknown'> {
    const key = `${reference.kind}/${namespace}/${reference.name}`;
    const cached = this.found.get(key);
    if (cached && Date.now() - cached.at < this.cacheMs) return cached.object;
    // Cache the request itself, so many concurrent submits share one GET per object.
    const object = this.fetch(namespace, reference).then((found) => {
      if (found === undefined || found === 'unknown') this.found.delete(key);
      return found;
    }, (error: unknown) => {
      this.found.delete(key);
      throw error;
    });
    this.found.set(key, { object, at: Date.now() });
    return object;
  }

  private async fetch(namespace: string, reference: PodReference): Promise<KubeObject | undefined | 'unknown'> {
    try {
      return await this.resources.get({ apiVersion: 'v1', kind: reference.kind, namespace, name: reference.name });
    } catch (error) {
      if (isStatus(error, 403)) return 'unknown';
      throw error;
    }
  }
}

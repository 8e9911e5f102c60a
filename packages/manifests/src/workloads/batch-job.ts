import type { Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';
import { shortHash } from '../naming/short-hash.js';
import { objectName } from '../naming/object-name.js';
import { waitsForDependenciesAnnotation, waitsItself } from './waits-for-dependencies.js';

export interface SetupJobInput extends Omit<MetaInput, 'name'> {
  /** The name without suffix; the Job's name ends in a hash of its template. */
  readonly baseName: string;
  readonly template: Record<string, unknown>;
  readonly backoffLimit?: number;
  readonly activeDeadlineSeconds?: number;
  /** The Job retries until the services it needs answer: a waiting deploy starts it with its phase (see `waitsForDependenciesAnnotation`). */
  readonly waitsItself?: boolean;
}

/**
 * An idempotent setup Job (bucket creation, catalog bootstrap). A Job's
 * template is immutable, so its name carries a hash of the template: a
 * changed Job is a new object, an unchanged one is left alone on re-apply.
 */
export function setupJob(platform: Platform, input: SetupJobInput): KubeObject {
  const name = objectName(input.baseName, shortHash(JSON.stringify(input.template)));
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: objectMeta(platform, { ...input, name, ...(input.waitsItself ? { annotations: { ...input.annotations, [waitsForDependenciesAnnotation]: waitsItself } } : {}) }),
    spec: {
      backoffLimit: input.backoffLimit ?? 6,
      activeDeadlineSeconds: input.activeDeadlineSeconds ?? 600,
      template: input.template,
    },
  };
}

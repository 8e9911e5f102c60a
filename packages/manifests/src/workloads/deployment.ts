import type { Autoscaling, Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { selectorLabels } from '../kube/labels.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';
import { blueGreenAnnotations } from './blue-green.js';

export interface DeploymentInput extends MetaInput {
  readonly replicas: number;
  /** When set, the HPA owns `replicas` and the Deployment leaves it out. */
  readonly autoscaling?: Autoscaling;
  readonly template: Record<string, unknown>;
  /**
   * `Recreate` for a single pod that holds a ReadWriteOnce volume: a surge
   * pod on another node could never attach it.
   */
  readonly recreate?: boolean;
  /**
   * A stateless server that may be upgraded blue-green: marked so when the
   * platform's `upgrades.strategy` is `blue-green` (never a database).
   */
  readonly blueGreen?: boolean;
}

/** A Deployment: RollingUpdate with maxSurge 1 / maxUnavailable 0 unless it must recreate. */
export function deployment(platform: Platform, input: DeploymentInput): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta(platform, { ...input, annotations: { ...input.annotations, ...(input.blueGreen ? blueGreenAnnotations(platform) : {}) } }),
    spec: {
      ...(input.autoscaling ? {} : { replicas: input.replicas }),
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(platform, input.app) },
      strategy: input.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: input.template,
    },
  };
}

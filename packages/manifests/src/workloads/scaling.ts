import type { Autoscaling, Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { selectorLabels } from '../kube/labels.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';

export interface ScalingInput extends MetaInput {
  readonly replicas: number;
  readonly autoscaling?: Autoscaling | undefined;
  readonly kind?: 'Deployment' | 'StatefulSet';
}

/** The HPA of an autoscaled workload (CPU utilisation), if any. */
export function horizontalPodAutoscaler(platform: Platform, input: ScalingInput): KubeObject[] {
  if (!input.autoscaling) return [];
  return [{
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: objectMeta(platform, input),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: input.kind ?? 'Deployment', name: input.name },
      minReplicas: input.autoscaling.minReplicas,
      maxReplicas: input.autoscaling.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: input.autoscaling.targetCPUUtilizationPercentage } } }],
      // Only when set: otherwise the cluster's defaults stay in force (and in the rendered output, unchanged).
      ...(input.autoscaling.scaleDownStabilizationSeconds === undefined ? {} : { behavior: { scaleDown: { stabilizationWindowSeconds: input.autoscaling.scaleDownStabilizationSeconds } } }),
    },
  }];
}

/** A PodDisruptionBudget for a workload that can run more than one pod: at most one voluntarily down. */
export function podDisruptionBudget(platform: Platform, input: ScalingInput): KubeObject[] {
  const most = input.autoscaling ? input.autoscaling.maxReplicas : input.replicas;
  if (most < 2) return [];
  return [{
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: objectMeta(platform, input),
    spec: {
      maxUnavailable: 1,
      selector: { matchLabels: selectorLabels(platform, input.app) },
    },
  }];
}

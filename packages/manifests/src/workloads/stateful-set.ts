import type { Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { selectorLabels } from '../kube/labels.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';

export interface VolumeClaim {
  readonly name: string;
  readonly size: string;
  readonly storageClass?: string | undefined;
}

export interface StatefulSetInput extends MetaInput {
  readonly replicas: number;
  /** The headless Service that gives each pod a stable DNS name. */
  readonly serviceName: string;
  readonly template: Record<string, unknown>;
  readonly volumeClaims: readonly VolumeClaim[];
  readonly podManagementPolicy?: 'OrderedReady' | 'Parallel';
}

/** A StatefulSet whose volume claims are kept when it is deleted or scaled down. */
export function statefulSet(platform: Platform, input: StatefulSetInput): KubeObject {
  const meta = objectMeta(platform, input);
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta,
    spec: {
      replicas: input.replicas,
      serviceName: input.serviceName,
      podManagementPolicy: input.podManagementPolicy ?? 'OrderedReady',
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(platform, input.app) },
      updateStrategy: { type: 'RollingUpdate' },
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: input.template,
      volumeClaimTemplates: input.volumeClaims.map((claim) => ({
        metadata: { name: claim.name, labels: meta.labels },
        spec: {
          accessModes: ['ReadWriteOnce'],
          ...(claim.storageClass ? { storageClassName: claim.storageClass } : {}),
          resources: { requests: { storage: claim.size } },
        },
      })),
    },
  };
}

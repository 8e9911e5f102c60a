import type { Platform } from '@floe/spec';
import { configChecksum, configChecksumAnnotation } from './config-checksum.js';
import type { KubeObject } from './kube-object.js';
import { podSecurityContext, type RunAs } from './pod-security.js';

export interface PodTemplateInput {
  readonly labels: Record<string, string>;
  readonly runAs: RunAs;
  readonly serviceAccountName: string;
  /** Only pods that call the API server mount a token. */
  readonly automountServiceAccountToken?: boolean;
  readonly containers: readonly Record<string, unknown>[];
  readonly initContainers?: readonly Record<string, unknown>[];
  readonly volumes?: readonly Record<string, unknown>[];
  /** ConfigMaps the pod reads: their checksum goes on the template. */
  readonly configs?: readonly KubeObject[];
  readonly annotations?: Record<string, string>;
  readonly terminationGracePeriodSeconds?: number;
  readonly restartPolicy?: 'Always' | 'Never' | 'OnFailure';
}

/** A pod template with floe's defaults: restricted security, no service links, pull secrets. */
export function podTemplate(platform: Platform, input: PodTemplateInput) {
  const annotations: Record<string, string> = { ...input.annotations };
  if (input.configs?.length) annotations[configChecksumAnnotation] = configChecksum(input.configs);
  return {
    metadata: {
      labels: input.labels,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      serviceAccountName: input.serviceAccountName,
      automountServiceAccountToken: input.automountServiceAccountToken ?? false,
      enableServiceLinks: false,
      ...(input.restartPolicy ? { restartPolicy: input.restartPolicy } : {}),
      terminationGracePeriodSeconds: input.terminationGracePeriodSeconds ?? 30,
      securityContext: podSecurityContext(input.runAs),
      ...(platform.spec.imagePullSecrets.length > 0 ? { imagePullSecrets: platform.spec.imagePullSecrets.map((secret) => ({ name: secret.name })) } : {}),
      ...(input.initContainers?.length ? { initContainers: [...input.initContainers] } : {}),
      containers: [...input.containers],
      ...(input.volumes?.length ? { volumes: [...input.volumes] } : {}),
    },
  };
}

/** An emptyDir volume; `medium: Memory` for /dev/shm. */
export function emptyDirVolume(name: string, options: { memory?: boolean; sizeLimit?: string } = {}) {
  return {
    name,
    emptyDir: {
      ...(options.memory ? { medium: 'Memory' } : {}),
      sizeLimit: options.sizeLimit ?? '1Gi',
    },
  };
}

/** A ConfigMap volume. */
export function configMapVolume(name: string, configMap: string) {
  return { name, configMap: { name: configMap } };
}

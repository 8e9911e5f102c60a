import type { Platform } from '@floe/spec';
import type { KubeObject } from '../kube/kube-object.js';
import { selectorLabels } from '../kube/labels.js';
import { objectMeta, type MetaInput } from '../kube/object-meta.js';
import { blueGreenServiceAnnotations } from './blue-green.js';

export interface ServicePort {
  readonly name: string;
  readonly port: number;
  /** Defaults to the container port of the same name. */
  readonly targetPort?: string | number;
}

export interface ServiceInput extends MetaInput {
  readonly ports: readonly ServicePort[];
  /** Headless: DNS resolves to the pods (StatefulSets). */
  readonly headless?: boolean;
  /** The Deployment (by name) whose pods it serves, when that Deployment may be upgraded blue-green. */
  readonly blueGreenOf?: string;
  /** `ClientIP`: each client's connections go to one pod for as long as that pod is an endpoint (see the code location). */
  readonly sessionAffinity?: 'ClientIP';
}

/** A ClusterIP Service selecting the app's pods by their immutable labels. */
export function service(platform: Platform, input: ServiceInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(platform, { ...input, annotations: { ...input.annotations, ...(input.blueGreenOf ? blueGreenServiceAnnotations(platform, input.blueGreenOf) : {}) } }),
    spec: {
      type: 'ClusterIP',
      ...(input.headless ? { clusterIP: 'None', publishNotReadyAddresses: true } : {}),
      ...(input.sessionAffinity ? { sessionAffinity: input.sessionAffinity } : {}),
      selector: selectorLabels(platform, input.app),
      ports: input.ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.targetPort ?? port.name, protocol: 'TCP' })),
    },
  };
}

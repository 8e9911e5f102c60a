import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectLabels, sortedRecord } from '../kube/labels.js';
import { platformNames } from '../naming/platform-names.js';

const podSecurityLabels = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/enforce-version': 'latest',
  'pod-security.kubernetes.io/audit': 'restricted',
  'pod-security.kubernetes.io/audit-version': 'latest',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/warn-version': 'latest',
};

/** The platform and jobs Namespaces (one when they are the same), enforcing Pod Security "restricted". */
export function renderNamespaces(platform: Platform): KubeObject[] {
  const names = platformNames(platform);
  return [...new Set([names.platformNamespace, names.jobsNamespace])].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: sortedRecord({ ...objectLabels(platform, apps.floe), ...podSecurityLabels }) },
  }));
}

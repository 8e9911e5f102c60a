import type { ApiResource } from './discovery.js';

/**
 * Where the GA built-in kinds a platform uses live: the same paths in every
 * Kubernetes release floe supports (each of these group-versions has been
 * served since 1.23 and none is deprecated), so resolving them asks the API
 * server nothing. Any other kind, or a kind under another apiVersion (a CRD,
 * a beta version), goes through discovery.
 */
const builtIn: Readonly<Record<string, Readonly<Record<string, readonly [plural: string, namespaced: boolean]>>>> = {
  v1: {
    Namespace: ['namespaces', false], ConfigMap: ['configmaps', true], Secret: ['secrets', true], Service: ['services', true],
    ServiceAccount: ['serviceaccounts', true], PersistentVolumeClaim: ['persistentvolumeclaims', true], PersistentVolume: ['persistentvolumes', false],
    Pod: ['pods', true], Event: ['events', true], Endpoints: ['endpoints', true], Node: ['nodes', false],
    ResourceQuota: ['resourcequotas', true], LimitRange: ['limitranges', true],
  },
  'apps/v1': { Deployment: ['deployments', true], StatefulSet: ['statefulsets', true], DaemonSet: ['daemonsets', true], ReplicaSet: ['replicasets', true] },
  'batch/v1': { Job: ['jobs', true], CronJob: ['cronjobs', true] },
  'rbac.authorization.k8s.io/v1': { Role: ['roles', true], RoleBinding: ['rolebindings', true], ClusterRole: ['clusterroles', false], ClusterRoleBinding: ['clusterrolebindings', false] },
  'networking.k8s.io/v1': { NetworkPolicy: ['networkpolicies', true], Ingress: ['ingresses', true] },
  'policy/v1': { PodDisruptionBudget: ['poddisruptionbudgets', true] },
  'autoscaling/v2': { HorizontalPodAutoscaler: ['horizontalpodautoscalers', true] },
  'storage.k8s.io/v1': { StorageClass: ['storageclasses', false] },
  'coordination.k8s.io/v1': { Lease: ['leases', true] },
  'discovery.k8s.io/v1': { EndpointSlice: ['endpointslices', true] },
  'apiextensions.k8s.io/v1': { CustomResourceDefinition: ['customresourcedefinitions', false] },
};

/** The path of a GA built-in kind, or undefined when discovery must be asked. */
export function builtInResource(apiVersion: string, kind: string): ApiResource | undefined {
  const found = builtIn[apiVersion]?.[kind];
  if (!found) return undefined;
  return { groupVersionPath: apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`, plural: found[0], namespaced: found[1] };
}

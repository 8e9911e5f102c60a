import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectMeta } from '../kube/object-meta.js';
import { platformNames } from '../naming/platform-names.js';
import { serviceAccount } from '../workloads/service-account.js';

/**
 * Exactly what running pipeline Jobs needs, in the jobs namespace only:
 * nothing cluster-wide. `patch` on jobs lets the runner record a decided
 * result on the Job (and suspend a Job it gave up on, so the controller
 * stops creating pods); `get` on ConfigMaps and ServiceAccounts is the
 * pre-flight that turns a missing one into a ConfigError before any pod
 * exists. ConfigMaps are also written and pruned: each finished attempt's
 * report (`floe job explain`) is a ConfigMap that outlives the Job. Secrets
 * are deliberately not readable: their pre-flight is skipped, a missing
 * Secret surfaces as CreateContainerConfigError instead, and attempt reports
 * redact credentials by the names of the env vars that hold them.
 */
export const jobRunnerRules = [
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get', 'list', 'watch', 'delete', 'patch'] },
  { apiGroups: [''], resources: ['pods', 'pods/log', 'events'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['get'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'patch', 'delete'] },
] as const;

/**
 * ServiceAccounts and RBAC around pipeline Jobs: the pipeline pods' own
 * account (no API access, no token), the job runner's account, and one Role
 * in the jobs namespace bound to the job runner (Dagster's run workers are
 * bound to it too, see dagster/render-code-location.ts; Dagster's run
 * launcher has its own Role, see dagster/run-launcher-access.ts).
 */
export function renderJobAccess(platform: Platform): KubeObject[] {
  const names = platformNames(platform);
  const jobsMeta = { namespace: names.jobsNamespace, app: apps.floe };
  const subjects = [{ kind: 'ServiceAccount', name: names.jobRunner, namespace: names.platformNamespace }];
  return [
    serviceAccount(platform, { ...jobsMeta, name: platform.spec.jobs.serviceAccount, app: apps.pipelineStep, layer: 'pipeline' }),
    serviceAccount(platform, { name: names.jobRunner, namespace: names.platformNamespace, app: apps.floe }),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: objectMeta(platform, { ...jobsMeta, name: names.jobRunner }),
      rules: jobRunnerRules.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: objectMeta(platform, { ...jobsMeta, name: names.jobRunner }),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.jobRunner },
      subjects,
    },
  ];
}

import type { Platform } from '@floe/spec';
import { apps } from '../kube/apps.js';
import type { KubeObject } from '../kube/kube-object.js';
import { objectMeta } from '../kube/object-meta.js';
import { platformNames } from '../naming/platform-names.js';

/**
 * What dagster-k8s's K8sRunLauncher calls in the jobs namespace, and nothing
 * more (dagster_k8s/launcher.py through client.py, dagster-k8s 0.29.27):
 * launch_run/resume_run create the run worker Job; check_run_worker_health
 * (run monitoring) reads `jobs/status`; terminate lists the Job's pods and
 * deletes the Job and then each pod; get_run_worker_debug_info lists jobs,
 * pods and events and reads pod logs. No watch: the launcher polls.
 */
export const runLauncherRules = [
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['create', 'get', 'list', 'delete'] },
  { apiGroups: ['batch'], resources: ['jobs/status'], verbs: ['get'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
  { apiGroups: [''], resources: ['events'], verbs: ['list'] },
] as const;

/**
 * The Role of Dagster's run launcher in the jobs namespace, bound to the
 * Dagster ServiceAccount (the daemon launches and monitors runs, the
 * webserver terminates them). The run workers' own account is bound to the
 * job runner's Role instead: they start step Jobs through `floe job run`.
 */
export function renderRunLauncherAccess(platform: Platform): KubeObject[] {
  const names = platformNames(platform);
  const meta = objectMeta(platform, { name: names.dagsterRunLauncher, namespace: names.jobsNamespace, app: apps.dagster });
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: runLauncherRules.map((rule) => ({ apiGroups: [...rule.apiGroups], resources: [...rule.resources], verbs: [...rule.verbs] })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.dagsterRunLauncher },
      subjects: [{ kind: 'ServiceAccount', name: names.dagster, namespace: names.platformNamespace }],
    },
  ];
}

import { describe, expect, it } from 'vitest';
import { examplePlatform, ofKind } from '../../test/fixtures.js';
import type { KubeObject } from '../kube/kube-object.js';
import { renderPlatform } from '../render/render-platform.js';

const objects = renderPlatform(examplePlatform()).objects;

interface Rule { apiGroups: string[]; resources: string[]; verbs: string[] }
interface Subject { kind: string; name: string; namespace: string }

/** Whether the ServiceAccount `account` (namespace/name) may `verb` `resource` in `namespace`, by the rendered Roles and RoleBindings. */
function allowed(account: string, namespace: string, group: string, resource: string, verb: string): boolean {
  const [accountNamespace, accountName] = account.split('/');
  const bindings = ofKind(objects, 'RoleBinding').filter((binding) => binding.metadata.namespace === namespace
    && (binding['subjects'] as Subject[]).some((subject) => subject.kind === 'ServiceAccount' && subject.name === accountName && subject.namespace === accountNamespace));
  const roles = bindings.map((binding) => ofKind(objects, 'Role').find((role: KubeObject) => role.metadata.namespace === namespace && role.metadata.name === (binding['roleRef'] as { name: string }).name));
  return roles.some((role) => ((role?.['rules'] ?? []) as Rule[]).some((rule) => rule.apiGroups.includes(group) && rule.resources.includes(resource) && rule.verbs.includes(verb)));
}

// What dagster-k8s 0.29.27's K8sRunLauncher calls through DagsterKubernetesClient (dagster_k8s/launcher.py, client.py).
const launcherCalls: [call: string, group: string, resource: string, verb: string][] = [
  ['launch_run, resume_run: create_namespaced_job', 'batch', 'jobs', 'create'],
  ['check_run_worker_health (run monitoring): read_namespaced_job_status', 'batch', 'jobs/status', 'get'],
  ['terminate: delete_namespaced_job', 'batch', 'jobs', 'delete'],
  ['terminate, debug info: list_namespaced_pod (pods of the Job)', '', 'pods', 'list'],
  ['terminate: delete_namespaced_pod (each pod of the Job)', '', 'pods', 'delete'],
  ['get_run_worker_debug_info: read_namespaced_pod_log', '', 'pods/log', 'get'],
  ['get_run_worker_debug_info: list_namespaced_event', '', 'events', 'list'],
  ['get_job_debug_info: list_namespaced_job', 'batch', 'jobs', 'list'],
];

describe('RBAC of Dagster\'s run launcher', () => {
  for (const [call, group, resource, verb] of launcherCalls) {
    it(`lets the Dagster ServiceAccount (daemon, webserver) ${verb} ${resource} in the jobs namespace: ${call}`, () => {
      expect(allowed('floe-platform/acme-data-dagster', 'floe-jobs', group, resource, verb)).toBe(true);
    });
  }

  it('grants it nothing in the platform namespace, nothing cluster-wide, and none of the job runner\'s extras (patch, ConfigMaps)', () => {
    expect(allowed('floe-platform/acme-data-dagster', 'floe-platform', 'batch', 'jobs', 'create')).toBe(false);
    expect(allowed('floe-platform/acme-data-dagster', 'floe-jobs', 'batch', 'jobs', 'patch')).toBe(false);
    expect(allowed('floe-platform/acme-data-dagster', 'floe-jobs', '', 'configmaps', 'get')).toBe(false);
    expect(allowed('floe-platform/acme-data-dagster', 'floe-jobs', '', 'secrets', 'get')).toBe(false);
    expect(objects.filter((object) => object.kind.startsWith('Cluster'))).toEqual([]);
  });

  it('lets run workers start and follow step Jobs through floe (the job runner\'s Role), but not terminate other runs\' pods', () => {
    for (const [group, resource, verb] of [['batch', 'jobs', 'create'], ['batch', 'jobs', 'watch'], ['', 'pods/log', 'get'], ['', 'events', 'list']] as const) {
      expect(allowed('floe-jobs/acme-data-dagster-run', 'floe-jobs', group, resource, verb), `${verb} ${resource}`).toBe(true);
    }
    expect(allowed('floe-jobs/acme-data-dagster-run', 'floe-jobs', '', 'pods', 'delete')).toBe(false);
  });
});

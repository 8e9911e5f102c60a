import { parse } from 'yaml';
import type { KubeObject } from '../src/kube/kube-object.js';
import type { PodTemplateView } from './fixtures.js';

/** The run launcher section of the dagster.yaml rendered for the jobs namespace. */
export function runLauncherOf(objects: readonly KubeObject[], jobsNamespace = 'floe-jobs') {
  const instance = objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name.endsWith('-dagster-instance') && object.metadata.namespace === jobsNamespace)!;
  return (parse((instance['data'] as Record<string, string>)['dagster.yaml']!) as {
    run_launcher: { config: { job_namespace: string; labels: Record<string, string>; env_config_maps: string[] } };
  }).run_launcher.config;
}

/**
 * A run worker pod as dagster-k8s builds it from the rendered run launcher
 * config: in `job_namespace`, labelled with the launcher's `labels` (merged
 * over dagster-k8s's own, so ours win), reading `env_config_maps`.
 */
export function runWorkerPod(objects: readonly KubeObject[], jobsNamespace = 'floe-jobs'): PodTemplateView {
  const launcher = runLauncherOf(objects, jobsNamespace);
  return {
    owner: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'dagster-run-r1', namespace: launcher.job_namespace } },
    namespace: launcher.job_namespace,
    labels: launcher.labels,
    annotations: {},
    spec: { securityContext: {}, containers: [{ name: 'dagster', envFrom: launcher.env_config_maps.map((name) => ({ configMapRef: { name } })) }] },
  };
}

import type { KubeObject, ResourceClient } from '@floe/kube';

/** How the last `floe platform deploy` of a platform ended (revisions record only the successful ones). */
export interface LastDeploy {
  readonly outcome: 'succeeded' | 'failed';
  readonly at: string;
  readonly floeVersion: string;
  /** Why it failed (the deploy error's message, at most 2,000 characters). */
  readonly message?: string;
  /** The revision serving afterwards. */
  readonly revision?: number;
}

const recordName = (platformName: string) => `${platformName}-last-deploy`;

/**
 * Records how a deploy ended, in a ConfigMap next to the revisions. Best
 * effort: a deploy that failed before its namespace existed, or a cluster
 * that went away, leaves the previous record (the deploy's own error is
 * what the caller reports).
 */
export async function recordLastDeploy(resources: ResourceClient, platformName: string, namespace: string, record: LastDeploy): Promise<void> {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: recordName(platformName), namespace, labels: { 'app.kubernetes.io/part-of': 'floe', 'app.kubernetes.io/managed-by': 'floe', 'floe.dev/last-deploy-of': platformName } },
    data: { record: JSON.stringify({ ...record, ...(record.message ? { message: record.message.slice(0, 2000) } : {}) }) },
  };
  await resources.apply(object, { force: true }).catch(() => undefined);
}

/** The record of the last deploy, when one was made. */
export async function readLastDeploy(resources: ResourceClient, platformName: string, namespace: string): Promise<LastDeploy | undefined> {
  const live = await resources.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: recordName(platformName) });
  const text = (live?.['data'] as Record<string, string> | undefined)?.['record'];
  return text ? (JSON.parse(text) as LastDeploy) : undefined;
}

/** Deletes the record (destroy). */
export async function deleteLastDeploy(resources: ResourceClient, platformName: string, namespace: string): Promise<void> {
  await resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: recordName(platformName) });
}

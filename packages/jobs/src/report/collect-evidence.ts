import { isStatus, type KubeClient, type KubeObject, type ResourceClient } from '@floe/kube';
import { pipelineContainerName } from '@floe/manifests';
import type { AttemptResult } from '../attempt/attempt-result.js';
import type { EventObject, JobObject, PodObject } from '../attempt/kube-shapes.js';
import type { ReportedLogs, ReportedNode } from './attempt-report.js';
import { maxReportLogLines } from './build-attempt-report.js';
import { stepContainerSpec } from '../submit/step-container-spec.js';
import type { CredentialsToRedact } from './report-redactor.js';

const pressureConditions = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];
const maxLogBytes = 64 * 1024;

function unavailable(error: unknown): string {
  if (isStatus(error, 403)) return 'forbidden for the job runner';
  if (isStatus(error, 404)) return 'not found';
  return error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200);
}

/** The pod's Warning Events (the Job's come from the tracker's watch). */
export async function podWarningEvents(resources: ResourceClient, pod: PodObject): Promise<EventObject[]> {
  const namespace = pod.metadata.namespace ?? 'default';
  const list = await resources.list<EventObject>('v1', 'Event', { namespace, fieldSelector: `involvedObject.name=${pod.metadata.name},type=Warning` });
  return list.items.filter((event) => event.involvedObject?.kind === 'Pod');
}

/** The node's pressure conditions (True) and Ready (when not True), read now. */
export async function nodeConditions(resources: ResourceClient, nodeName: string): Promise<ReportedNode> {
  try {
    const node = await resources.get<KubeObject & { status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }>({ apiVersion: 'v1', kind: 'Node', name: nodeName });
    if (!node) return { name: nodeName, unavailable: 'the node no longer exists' };
    const conditions = (node.status?.conditions ?? [])
      .filter((condition) => (pressureConditions.includes(condition.type) && condition.status === 'True') || (condition.type === 'Ready' && condition.status !== 'True'))
      .map((condition) => ({ type: condition.type, status: condition.status, ...(condition.reason ? { reason: condition.reason } : {}), ...(condition.message ? { message: condition.message.slice(0, 300) } : {}) }));
    return { name: nodeName, conditions };
  } catch (error) {
    return { name: nodeName, unavailable: unavailable(error) };
  }
}

/** The step container's last log lines (at most 50 lines and 64 KB); unavailable rather than thrown. */
export async function logTail(client: KubeClient, pod: PodObject): Promise<ReportedLogs> {
  const path = `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? 'default')}/pods/${encodeURIComponent(pod.metadata.name)}/log`;
  try {
    const stream = await client.stream({ path, query: { container: pipelineContainerName, tailLines: maxReportLogLines, limitBytes: maxLogBytes } });
    let text = '';
    for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
    return { lines: text.split('\n').filter((line) => line !== '') };
  } catch (error) {
    return { lines: [], unavailable: unavailable(error) };
  }
}

/**
 * The credentials of a Job's step container: every env var backed by a
 * Secret key, by name, and its value when the runner may read the Secret
 * (in the cluster it may not: then values are redacted by name only).
 */
export async function credentialsOfJob(resources: ResourceClient, job: JobObject): Promise<CredentialsToRedact & { readable: boolean }> {
  const refs = (stepContainerSpec(job)?.env ?? []).flatMap((variable) => (variable.valueFrom?.secretKeyRef ? [{ env: variable.name, ...variable.valueFrom.secretKeyRef }] : []));
  const values: string[] = [];
  let readable = true;
  const secrets = new Map<string, Promise<Record<string, string> | undefined>>();
  for (const ref of refs) {
    if (!readable) break;
    let secret = secrets.get(ref.name);
    if (!secret) {
      secret = resources.get<KubeObject & { data?: Record<string, string> }>({ apiVersion: 'v1', kind: 'Secret', namespace: job.metadata.namespace ?? 'default', name: ref.name }).then((found) => found?.data);
      secrets.set(ref.name, secret);
    }
    try {
      const encoded = (await secret)?.[ref.key];
      if (encoded) values.push(Buffer.from(encoded, 'base64').toString('utf8'));
    } catch {
      readable = false;
    }
  }
  return { values, envNames: refs.map((ref) => ref.env), readable };
}

/** Whether gathering logs, node and pod events is worth the requests: only a failed attempt needs explaining. */
export function needsEvidence(result: AttemptResult): boolean {
  return result.status === 'Failed' && result.failure?.class !== 'Cancelled';
}

import { isStatus, type KubeObject, type ResourceClient } from '@floe/kube';
import { pipelineLabels } from '@floe/manifests';
import { runSelector } from '../attempt/identity-of-job.js';
import type { AttemptIdentity } from '../attempt/attempt-result.js';
import type { AttemptReport } from './attempt-report.js';
import { listBatchedReports, reportBatchKeys, type BatchedReportFilter } from './report-batch-store.js';

/** Label and annotation names of the attempt-report ConfigMaps. */
export const attemptReportKeys = {
  /** `floe.dev/record: attempt-report` marks the ConfigMaps the job runner writes and prunes. */
  record: 'floe.dev/record',
  recordValue: 'attempt-report',
  /** When the report may be pruned (RFC 3339): the attempt's end plus the platform's `jobs.historySeconds`. */
  expiresAt: 'floe.dev/expires-at',
  /** The ConfigMap key holding the report's JSON. */
  dataKey: 'report.json',
} as const;

interface ReportConfigMap extends KubeObject {
  data?: Record<string, string>;
}

/** The ConfigMap name of an attempt's report: next to its Job, by name. */
export function reportName(jobName: string): string {
  return `${jobName}-report`;
}

/**
 * Stores a report as a ConfigMap next to the attempt's Job, not owned by it,
 * so it outlives the Job's TTL and its pods; writing the same attempt again
 * (an adopted Job) replaces it.
 */
export async function writeAttemptReport(resources: ResourceClient, report: AttemptReport, expiresAt: string): Promise<void> {
  await resources.apply({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: reportName(report.jobName),
      namespace: report.namespace,
      labels: {
        [pipelineLabels.layer]: 'pipeline',
        [pipelineLabels.pipeline]: report.pipeline,
        [pipelineLabels.step]: report.step,
        [pipelineLabels.runId]: report.runId,
        [pipelineLabels.attempt]: String(report.attempt),
        [attemptReportKeys.record]: attemptReportKeys.recordValue,
      },
      annotations: { [attemptReportKeys.expiresAt]: expiresAt },
    },
    data: { [attemptReportKeys.dataKey]: JSON.stringify(report) },
  }, { fieldManager: 'floe-jobs', force: true });
}

function reportOf(configMap: ReportConfigMap): AttemptReport | undefined {
  const text = configMap.data?.[attemptReportKeys.dataKey];
  if (!text) return undefined;
  try {
    return JSON.parse(text) as AttemptReport;
  } catch {
    return undefined;
  }
}

/**
 * The stored report of one attempt (by its Job's name), if any: its own
 * ConfigMap, else (a success) its entry in a batch — of its run when
 * `runId` is given, else of any batch of the namespace.
 */
export async function readAttemptReport(resources: ResourceClient, identity: Pick<AttemptIdentity, 'namespace' | 'jobName'> & { readonly runId?: string }): Promise<AttemptReport | undefined> {
  const configMap = await resources.get<ReportConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', namespace: identity.namespace, name: reportName(identity.jobName) });
  const own = configMap ? reportOf(configMap) : undefined;
  if (own) return own;
  const batched = await listBatchedReports(resources, identity.namespace, { ...(identity.runId ? { runId: identity.runId } : {}), keep: (report) => report.jobName === identity.jobName });
  return latestPerAttempt(batched)[0];
}

/** One report per attempt (an adopted Job may be reported twice): the one that finished last, ordered by step and attempt. */
function latestPerAttempt(reports: readonly AttemptReport[]): AttemptReport[] {
  const byJob = new Map<string, AttemptReport>();
  for (const report of reports) {
    const known = byJob.get(report.jobName);
    if (!known || known.finishedAt < report.finishedAt) byJob.set(report.jobName, report);
  }
  return [...byJob.values()].sort((a, b) => a.step.localeCompare(b.step) || a.attempt - b.attempt);
}

async function listReports(resources: ResourceClient, namespace: string, labelSelector: string, batches: BatchedReportFilter): Promise<AttemptReport[]> {
  const [list, batched] = await Promise.all([
    resources.list<ReportConfigMap>('v1', 'ConfigMap', { namespace, labelSelector, pageSize: 200 }),
    listBatchedReports(resources, namespace, batches),
  ]);
  return latestPerAttempt([...list.items.flatMap((configMap) => reportOf(configMap) ?? []), ...batched]);
}

/** Every stored report of a run (or of one step of it), ordered by step and attempt. */
export function listRunReports(resources: ResourceClient, namespace: string, runId: string, step?: string): Promise<AttemptReport[]> {
  return listReports(resources, namespace, runSelector(runId, { [attemptReportKeys.record]: attemptReportKeys.recordValue, [pipelineLabels.step]: step }), { runId, ...(step ? { keep: (report) => report.step === step } : {}) });
}

/** Every stored report of a namespace (or of one pipeline): the history that outlives the Jobs. */
export function listNamespaceReports(resources: ResourceClient, namespace: string, pipeline?: string): Promise<AttemptReport[]> {
  return listReports(resources, namespace, `${attemptReportKeys.record}=${attemptReportKeys.recordValue}${pipeline ? `,${pipelineLabels.pipeline}=${pipeline}` : ''}`, pipeline ? { keep: (report) => report.pipeline === pipeline } : {});
}

/**
 * Deletes the reports (and report batches) of a namespace whose `expires-at`
 * has passed and returns how many were deleted (each report expires
 * `jobs.historySeconds` after its attempt finished, a batch with its last
 * report); one deleted by someone else meanwhile is not an error.
 */
export async function pruneExpiredReports(resources: ResourceClient, namespace: string, now: number = Date.now()): Promise<number> {
  const list = await resources.list<ReportConfigMap>('v1', 'ConfigMap', { namespace, labelSelector: `${attemptReportKeys.record} in (${attemptReportKeys.recordValue},${reportBatchKeys.recordValue})` });
  const expired = list.items.filter((configMap) => {
    const at = Date.parse(configMap.metadata.annotations?.[attemptReportKeys.expiresAt] ?? '');
    return !Number.isNaN(at) && at <= now;
  });
  let deleted = 0;
  for (const configMap of expired) {
    try {
      if (await resources.delete({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name: configMap.metadata.name })) deleted++;
    } catch (error) {
      if (!isStatus(error, 404)) throw error;
    }
  }
  return deleted;
}

import type { KubeObject, ResourceClient } from '@floe/kube';
import { pipelineLabels } from '@floe/manifests';
import type { AttemptReport } from './attempt-report.js';

/** Label and annotation names of the ConfigMaps that hold many attempts' reports at once. */
export const reportBatchKeys = {
  /** `floe.dev/record: attempt-report-batch` marks a batch (pruned like single reports). */
  recordValue: 'attempt-report-batch',
  /** `run.floe.dev/<run id>` is set on a batch for each run it holds a report of, so a run's batches are one label selector away. */
  runLabelPrefix: 'run.floe.dev/',
} as const;

/** A report waiting to be written in a batch, with the expiry of its own record. */
export interface BatchedReport {
  readonly report: AttemptReport;
  readonly expiresAt: string;
}

interface BatchConfigMap extends KubeObject {
  data?: Record<string, string>;
}

const recordLabel = 'floe.dev/record';
const expiresAtAnnotation = 'floe.dev/expires-at';

/** The data key of one attempt's report inside a batch: its Job's name (a DNS label, so a valid key). */
function entryKey(jobName: string): string {
  return `${jobName}.json`;
}

/**
 * Writes one batch: a ConfigMap in the jobs namespace with one key per
 * attempt (`<job>.json`), a `run.floe.dev/<run id>` label per run, and
 * `floe.dev/expires-at` = the latest expiry of its reports, so pruning
 * never drops a report before its time.
 */
export async function writeReportBatch(resources: ResourceClient, namespace: string, name: string, entries: readonly BatchedReport[]): Promise<void> {
  const runLabels = Object.fromEntries(entries.map((entry) => [`${reportBatchKeys.runLabelPrefix}${entry.report.runId}`, 'true']));
  const expiresAt = entries.map((entry) => entry.expiresAt).sort().at(-1)!;
  await resources.apply({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace,
      labels: { [pipelineLabels.layer]: 'pipeline', [recordLabel]: reportBatchKeys.recordValue, ...runLabels },
      annotations: { [expiresAtAnnotation]: expiresAt },
    },
    data: Object.fromEntries(entries.map((entry) => [entryKey(entry.report.jobName), JSON.stringify(entry.report)])),
  }, { fieldManager: 'floe-jobs', force: true });
}

function reportsOf(batch: BatchConfigMap): AttemptReport[] {
  return Object.values(batch.data ?? {}).flatMap((text) => {
    try {
      return [JSON.parse(text) as AttemptReport];
    } catch {
      return [];
    }
  });
}

/** Which batched reports to read: those of one run (selected by its label, so other runs' batches are not read), filtered by `keep`. */
export interface BatchedReportFilter {
  readonly runId?: string;
  readonly keep?: (report: AttemptReport) => boolean;
}

/** The reports held in the batches of a namespace that `options` selects. */
export async function listBatchedReports(resources: ResourceClient, namespace: string, options: BatchedReportFilter = {}): Promise<AttemptReport[]> {
  const labelSelector = `${recordLabel}=${reportBatchKeys.recordValue}${options.runId ? `,${reportBatchKeys.runLabelPrefix}${options.runId}` : ''}`;
  const list = await resources.list<BatchConfigMap>('v1', 'ConfigMap', { namespace, labelSelector, pageSize: 50 });
  const keep = options.keep ?? (() => true);
  return list.items.flatMap(reportsOf).filter((report) => (!options.runId || report.runId === options.runId) && keep(report));
}

import type { KubeClient, ResourceClient } from '@floe/kube';
import type { AttemptResult } from '../attempt/attempt-result.js';
import { timeOf, type EventObject, type JobObject, type PodObject } from '../attempt/kube-shapes.js';
import { stepContainer } from '../classify/classify-finished-pod.js';
import type { AttemptMemory, AttemptReport, ReportedLogs, ReportedNode } from './attempt-report.js';
import { buildAttemptReport } from './build-attempt-report.js';
import { credentialsOfJob, logTail, needsEvidence, nodeConditions, podWarningEvents } from './collect-evidence.js';
import { stepContainerSpec } from '../submit/step-container-spec.js';
import { reportRedactor } from './report-redactor.js';
import { writeReportBatch } from './report-batch-store.js';
import { ReportBatcher, type ReportBatcherOptions } from './report-batcher.js';
import { pruneExpiredReports, writeAttemptReport } from './report-store.js';

/** What the runner knows about a finished attempt when it records its report. */
export interface FinishedAttempt {
  readonly result: AttemptResult;
  /** The Job as submitted (its pod template names the credentials to redact). */
  readonly job: JobObject;
  readonly memory: AttemptMemory;
  readonly memoryRaised?: AttemptReport['memoryRaised'];
  /** The attempt's pods and Job Events as the tracker last saw them. */
  readonly pods: readonly PodObject[];
  readonly jobEvents: readonly EventObject[];
  /** The platform's `jobs.historySeconds`: how long the report is kept after the attempt finished. */
  readonly historySeconds: number;
}

/** Prune expired reports of a namespace at most this often per runner. */
const pruneIntervalMs = 10 * 60_000;

function latest(pods: readonly PodObject[]): PodObject | undefined {
  return [...pods].sort((a, b) => (timeOf(a.metadata.creationTimestamp) ?? 0) - (timeOf(b.metadata.creationTimestamp) ?? 0)).at(-1);
}

function containerRan(pod: PodObject): boolean {
  const status = stepContainer(pod);
  return Boolean(status?.state?.terminated ?? status?.state?.running ?? status?.lastState?.terminated);
}

/**
 * Records each finished attempt's report next to its Job. Successes are
 * batched (`ReportBatcher`): many of them cost one write. A failure gets
 * its own ConfigMap and also reads the pod's Warning Events, the node, the
 * log tail and (when allowed) the credentials to redact. Best effort: a
 * report that cannot be gathered or written never changes the result.
 */
export class AttemptReporter {
  private readonly pruned = new Map<string, number>();
  private readonly successes: ReportBatcher;

  constructor(private readonly client: KubeClient, private readonly resources: ResourceClient, private readonly onError: (error: unknown) => void = () => {}, batching: ReportBatcherOptions = {}) {
    this.successes = new ReportBatcher((namespace, name, entries) => writeReportBatch(resources, namespace, name, entries), batching);
  }

  async record(attempt: FinishedAttempt): Promise<AttemptReport | undefined> {
    try {
      const report = await this.build(attempt);
      const expiresAt = new Date((timeOf(attempt.result.finishedAt) ?? Date.now()) + attempt.historySeconds * 1000).toISOString();
      if (report.status === 'Succeeded') await this.successes.add(report.namespace, { report, expiresAt });
      else await writeAttemptReport(this.resources, report, expiresAt);
      this.pruneNow(attempt.result.namespace);
      return report;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  private async build(attempt: FinishedAttempt): Promise<AttemptReport> {
    const { result } = attempt;
    const pod = latest(attempt.pods);
    const image = stepContainerSpec(attempt.job)?.image;
    const base = { result, ...(pod ? { pod } : {}), ...(image ? { image } : {}), memory: attempt.memory, ...(attempt.memoryRaised ? { memoryRaised: attempt.memoryRaised } : {}) };
    if (!needsEvidence(result)) {
      return buildAttemptReport({ ...base, events: attempt.jobEvents, redaction: 'values' }, (text) => text);
    }
    const nodeName = pod?.spec?.nodeName;
    const [podEvents, node, logs, credentials] = await Promise.all([
      pod ? podWarningEvents(this.resources, pod).catch((error: unknown) => (this.onError(error), [])) : Promise.resolve([]),
      nodeName ? nodeConditions(this.resources, nodeName) : Promise.resolve<ReportedNode | undefined>(undefined),
      pod && containerRan(pod) ? logTail(this.client, pod) : Promise.resolve<ReportedLogs>({ lines: [], unavailable: pod ? 'the container never started' : 'no pod was created' }),
      credentialsOfJob(this.resources, attempt.job),
    ]);
    return buildAttemptReport({
      ...base,
      events: [...attempt.jobEvents, ...podEvents],
      ...(node ? { node } : {}),
      logs,
      redaction: credentials.readable ? 'values' : 'names',
    }, reportRedactor(credentials));
  }

  private pruneNow(namespace: string): void {
    const last = this.pruned.get(namespace) ?? 0;
    if (Date.now() - last < pruneIntervalMs) return;
    this.pruned.set(namespace, Date.now());
    pruneExpiredReports(this.resources, namespace).catch(this.onError);
  }
}

import { randomBytes } from 'node:crypto';
import type { BatchedReport } from './report-batch-store.js';

/** Writes one batch of reports (one request); see `writeReportBatch`. */
export type WriteBatch = (namespace: string, name: string, entries: readonly BatchedReport[]) => Promise<void>;

export interface ReportBatcherOptions {
  /** At most one batch write per namespace this often, unless a batch is full (default 5 s). */
  readonly intervalMs?: number;
  /** Reports per batch (default 200; a success report is well under 2 KB, a ConfigMap holds 1 MiB). */
  readonly maxEntries?: number;
}

interface Waiting extends BatchedReport {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface Lane {
  readonly waiting: Waiting[];
  writing: boolean;
  lastWriteAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Group commit of the reports of successful attempts, per namespace: the
 * first report after a quiet interval is written at once (a single run
 * waits for nothing), later ones wait for the interval and go out together
 * in one ConfigMap. `add` resolves when the report is stored, so a result
 * still resolves only after its report can be read by `floe job explain`.
 */
export class ReportBatcher {
  private readonly lanes = new Map<string, Lane>();
  private readonly token = randomBytes(4).toString('hex');
  private sequence = 0;
  private readonly intervalMs: number;
  private readonly maxEntries: number;

  constructor(private readonly write: WriteBatch, options: ReportBatcherOptions = {}) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.maxEntries = options.maxEntries ?? 200;
  }

  /** Queues a report of `namespace`; resolves once a batch holding it is written, rejects when that write failed. */
  add(namespace: string, entry: BatchedReport): Promise<void> {
    let lane = this.lanes.get(namespace);
    if (!lane) this.lanes.set(namespace, (lane = { waiting: [], writing: false, lastWriteAt: 0 }));
    const stored = new Promise<void>((resolve, reject) => lane.waiting.push({ ...entry, resolve, reject }));
    this.schedule(namespace, lane);
    return stored;
  }

  private schedule(namespace: string, lane: Lane): void {
    if (lane.writing || lane.waiting.length === 0) return;
    const full = lane.waiting.length >= this.maxEntries;
    if (lane.timer && !full) return;
    clearTimeout(lane.timer);
    lane.timer = undefined;
    const wait = full ? 0 : lane.lastWriteAt + this.intervalMs - Date.now();
    if (wait <= 0) {
      void this.flush(namespace, lane);
      return;
    }
    lane.timer = setTimeout(() => {
      lane.timer = undefined;
      void this.flush(namespace, lane);
    }, wait);
  }

  private async flush(namespace: string, lane: Lane): Promise<void> {
    const batch = lane.waiting.splice(0, this.maxEntries);
    lane.writing = true;
    lane.lastWriteAt = Date.now();
    try {
      await this.write(namespace, `attempt-reports-${this.token}-${++this.sequence}`, batch);
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      lane.writing = false;
      this.schedule(namespace, lane);
    }
  }
}

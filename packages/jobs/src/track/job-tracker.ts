import { pipelineLabels } from '@floe/manifests';
import type { ResourceClient, ResourceWatch, WatchEvent, WatchHub, WatchTarget } from '@floe/kube';
import type { AttemptIdentity, AttemptResult } from '../attempt/attempt-result.js';
import { jobAnnotations } from '../attempt/job-annotations.js';
import type { EventObject, JobObject, PodObject } from '../attempt/kube-shapes.js';
import { classifyAttempt, type Decided } from '../classify/classify-attempt.js';
import type { WaitBounds } from '../classify/wait-bounds.js';
import { jobNameOfPod } from './job-name-of-pod.js';
import { trimWatchedObject } from './trim-watched-object.js';

/** Label selector of every pipeline Job and pod floe creates. */
export const pipelineSelector = `${pipelineLabels.layer}=pipeline,${pipelineLabels.runId}`;

export interface JobTrackerOptions {
  readonly bounds: WaitBounds;
  /** Re-list Jobs this often while attempts are pending, as a safety net behind the watch (default 30 s). */
  readonly reconcileIntervalMs?: number;
  /** Check for attempts whose waiting bound has come this often; local only, no requests (default 1 s). */
  readonly tickMs?: number;
  /** Every result, exactly once per attempt. */
  readonly onResult?: (result: AttemptResult) => void;
  /** Errors the tracker recovered from (reconcile, stopping a Job). */
  readonly onError?: (error: unknown) => void;
}

interface Tracked {
  readonly identity: AttemptIdentity;
  readonly submittedAt: number;
  readonly promise: Promise<AttemptResult>;
  readonly resolve: (result: AttemptResult) => void;
  result?: AttemptResult;
  /** When the verdict can next change without a watch event (the classifier's `until`): the tick re-evaluates it then, not before. */
  due: number;
}

function newerVersion(candidate: string | undefined, current: string | undefined): boolean {
  if (!candidate || !current || !/^\d+$/.test(candidate) || !/^\d+$/.test(current)) return candidate !== current;
  return BigInt(candidate) > BigInt(current);
}

/**
 * Tracks any number of attempts in one namespace with three shared watches
 * (Jobs and Pods selected by floe's labels, Warning Events) — no per-job
 * requests. Each change re-classifies the attempts it concerns; a timer
 * enforces the waiting bounds; a periodic list of Jobs is the safety net
 * behind the watch (which itself resumes on disconnect and relists on 410).
 * Every tracked attempt settles exactly once.
 */
export class JobTracker {
  private readonly jobs = new Map<string, JobObject>();
  private readonly deleted = new Map<string, JobObject>();
  private readonly podsByJob = new Map<string, Map<string, PodObject>>();
  private readonly eventsByJob = new Map<string, Map<string, EventObject>>();
  private readonly tracked = new Map<string, Tracked>();
  private readonly unsubscribes: (() => Promise<void>)[] = [];
  private readonly targets: WatchTarget[];
  private starting: Promise<void> | undefined;
  private tick: NodeJS.Timeout | undefined;
  private reconcileTimer: NodeJS.Timeout | undefined;
  private reconciling = false;
  /** Jobs the last reconcile listed newer than the watch had shown, with the listed resourceVersion. */
  private behind = new Map<string, string>();

  constructor(private readonly resources: ResourceClient, private readonly hub: WatchHub, readonly namespace: string, private readonly options: JobTrackerOptions) {
    this.targets = [
      { apiVersion: 'batch/v1', kind: 'Job', namespace, labelSelector: pipelineSelector },
      { apiVersion: 'v1', kind: 'Pod', namespace, labelSelector: pipelineSelector },
      { apiVersion: 'v1', kind: 'Event', namespace, fieldSelector: 'type=Warning' },
    ];
  }

  /** Starts the watches (once); resolves when their first lists are in. */
  start(): Promise<void> {
    this.starting ??= this.subscribe();
    return this.starting;
  }

  /** The result of an attempt, once it has one. Tracking the same Job twice returns the same promise. */
  track(identity: AttemptIdentity, submittedAt: number = Date.now()): Promise<AttemptResult> {
    const existing = this.tracked.get(identity.jobName);
    if (existing) return existing.promise;
    let resolve!: (result: AttemptResult) => void;
    const promise = new Promise<AttemptResult>((done) => {
      resolve = done;
    });
    this.tracked.set(identity.jobName, { identity, submittedAt, promise, resolve, due: 0 });
    this.evaluate(identity.jobName);
    return promise;
  }

  /** Attempts still waiting for a result. */
  get pending(): number {
    let count = 0;
    for (const entry of this.tracked.values()) if (!entry.result) count++;
    return count;
  }

  /** The shared watches (for tests that interrupt them, and for stats). */
  watches(): ResourceWatch[] {
    return this.targets.flatMap((target) => this.hub.watchOf(target) ?? []);
  }

  /** The last seen state of a Job, its pods and its Warning Events (from the watch caches). */
  observed(jobName: string): { job?: JobObject; pods: PodObject[]; jobEvents: EventObject[] } {
    const job = this.jobs.get(jobName) ?? this.deleted.get(jobName);
    return { ...(job ? { job } : {}), pods: [...(this.podsByJob.get(jobName)?.values() ?? [])], jobEvents: [...(this.eventsByJob.get(jobName)?.values() ?? [])] };
  }

  async stop(): Promise<void> {
    clearInterval(this.tick);
    clearInterval(this.reconcileTimer);
    const unsubscribes = this.unsubscribes.splice(0);
    await Promise.all(unsubscribes.map((unsubscribe) => unsubscribe()));
  }

  private async subscribe(): Promise<void> {
    const [jobs, pods, events] = this.targets as [WatchTarget, WatchTarget, WatchTarget];
    this.unsubscribes.push(
      ...(await Promise.all([
        this.hub.subscribe<JobObject>(jobs, (event) => this.onJob(event)),
        this.hub.subscribe<PodObject>(pods, (event) => this.onPod(event)),
        this.hub.subscribe<EventObject>(events, (event) => this.onEvent(event)),
      ])),
    );
    this.tick = setInterval(() => this.evaluateDue(), this.options.tickMs ?? 1000);
    this.tick.unref();
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.options.reconcileIntervalMs ?? 30_000);
    this.reconcileTimer.unref();
  }

  private onJob(event: WatchEvent<JobObject>): void {
    const name = event.object.metadata.name;
    if (event.type === 'DELETED') {
      this.jobs.delete(name);
      this.deleted.set(name, event.object);
    } else {
      this.jobs.set(name, event.object);
      this.deleted.delete(name);
    }
    this.evaluate(name);
  }

  private onPod(event: WatchEvent<PodObject>): void {
    const jobName = jobNameOfPod(event.object);
    if (!jobName) return;
    let pods = this.podsByJob.get(jobName);
    if (!pods) this.podsByJob.set(jobName, (pods = new Map<string, PodObject>()));
    if (event.type === 'DELETED') pods.delete(event.object.metadata.name);
    else pods.set(event.object.metadata.name, event.object);
    this.evaluate(jobName);
  }

  private onEvent(event: WatchEvent<EventObject>): void {
    const involved = event.object.involvedObject;
    if (involved?.kind !== 'Job' || !involved.name || event.type === 'DELETED') return;
    let events = this.eventsByJob.get(involved.name);
    if (!events) this.eventsByJob.set(involved.name, (events = new Map<string, EventObject>()));
    events.set(event.object.metadata.name, event.object);
    this.evaluate(involved.name);
  }

  /** The timer's pass: only attempts whose waiting bound has come are classified again (the others allocate nothing). */
  private evaluateDue(): void {
    const now = Date.now();
    for (const [name, entry] of this.tracked) if (!entry.result && entry.due <= now) this.evaluate(name);
  }

  private evaluate(jobName: string): void {
    const entry = this.tracked.get(jobName);
    if (!entry || entry.result) return;
    const job = this.jobs.get(jobName) ?? this.deleted.get(jobName);
    const verdict = classifyAttempt({
      job,
      jobDeleted: !this.jobs.has(jobName) && this.deleted.has(jobName),
      pods: [...(this.podsByJob.get(jobName)?.values() ?? [])],
      jobEvents: [...(this.eventsByJob.get(jobName)?.values() ?? [])],
      submittedAt: entry.submittedAt,
      now: Date.now(),
    }, this.options.bounds);
    if (verdict.done) this.settle(entry, verdict, job);
    else entry.due = verdict.until;
  }

  private settle(entry: Tracked, verdict: Decided, job: JobObject | undefined): void {
    const result: AttemptResult = { ...entry.identity, ...verdict.outcome };
    entry.result = result;
    entry.resolve(result);
    this.options.onResult?.(result);
    if (verdict.stopJob && job && result.failure) void this.recordAndStop(job, result).catch((error: unknown) => this.options.onError?.(error));
  }

  /** The controller would keep the Job going (retrying pod creation, waiting to schedule): record the verdict on it and suspend it, which removes its pods. */
  private async recordAndStop(job: JobObject, result: AttemptResult): Promise<void> {
    await this.resources.apply({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: job.metadata.name, namespace: this.namespace, annotations: { [jobAnnotations.result]: JSON.stringify({ ...result.failure, finishedAt: result.finishedAt }) } },
      spec: { suspend: true },
    }, { fieldManager: 'floe-jobs', force: true });
  }

  private async reconcile(): Promise<void> {
    if (this.reconciling || this.pending === 0) return;
    this.reconciling = true;
    try {
      // Metadata only (resourceVersions, floe's annotations): a page of whole Jobs, templates and all, was the runner's
      // memory peak every 30 s. Only a Job the watch has really missed is then read whole.
      const list = await this.resources.list<JobObject>('batch/v1', 'Job', { namespace: this.namespace, labelSelector: pipelineSelector, pageSize: 250, metadataOnly: true, transform: trimWatchedObject });
      const listed = new Map(list.items.map((job) => [job.metadata.name, job]));
      const behind = new Map<string, string>();
      for (const [name, entry] of this.tracked) {
        if (entry.result) continue;
        const fresh = listed.get(name);
        const known = this.jobs.get(name);
        const freshVersion = fresh?.metadata.resourceVersion;
        if (fresh && (!known || newerVersion(freshVersion, known.metadata.resourceVersion))) {
          if (fresh.status) {
            // A server that answered whole objects: take the listed Job as it is.
            this.jobs.set(name, fresh);
            this.deleted.delete(name);
          } else if (this.behind.has(name) && newerVersion(this.behind.get(name), known?.metadata.resourceVersion)) {
            // Still behind what the previous reconcile listed: the watch missed it, not just lags.
            await this.readJob(name);
          } else if (freshVersion !== undefined) {
            behind.set(name, freshVersion);
          }
        } else if (!fresh && known && newerVersion(list.resourceVersion, known.metadata.resourceVersion)) {
          this.jobs.delete(name);
          this.deleted.set(name, known);
        }
        this.evaluate(name);
      }
      this.behind = behind;
    } catch (error) {
      this.options.onError?.(error);
    } finally {
      this.reconciling = false;
    }
  }

  /** Reads one Job whole (the reconcile found the watch missed it); a newer state than the cache's replaces it. */
  private async readJob(name: string): Promise<void> {
    const found = await this.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: this.namespace, name });
    if (!found) return;
    const job = trimWatchedObject(found) as JobObject;
    const known = this.jobs.get(name);
    if (known && !newerVersion(job.metadata.resourceVersion, known.metadata.resourceVersion)) return;
    this.jobs.set(name, job);
    this.deleted.delete(name);
  }
}

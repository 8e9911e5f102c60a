import { setTimeout as sleep } from 'node:timers/promises';
import { FloeError } from '@floe/errors';
import { ConcurrencyLimit, KubeApiError, KubeClient, ResourceClient, WatchHub, type FollowLogsResult, type KubeClientOptions, type LogLine, type ResourceWatchOptions } from '@floe/kube';
import { pipelineJobName, runIdAnnotation } from '@floe/manifests';
import type { OomRetry, Pipeline, Platform, RetryPolicy, Step } from '@floe/spec';
import { failure, type AttemptIdentity, type AttemptResult } from '../attempt/attempt-result.js';
import type { EventObject, JobObject, PodObject } from '../attempt/kube-shapes.js';
import { assertRunId, newRunId } from '../attempt/run-id.js';
import { cancelRun, type CancelResult } from '../cancel/cancel-run.js';
import { defaultWaitBounds, type WaitBounds } from '../classify/wait-bounds.js';
import { explainRun, type RunExplanation } from '../explain/explain-run.js';
import { listRuns, type RunRecord } from '../history/list-runs.js';
import { runStatus, type RunStatus } from '../history/run-status.js';
import { podLogs, runLogs, type StepLogsOptions } from '../logs/step-logs.js';
import { runPipelineSteps, type PipelineProgress, type PipelineRunSummary } from '../pipeline/run-pipeline.js';
import { AttemptReporter } from '../report/attempt-reporter.js';
import { jobForReport } from '../report/job-for-report.js';
import type { AttemptMemory, AttemptReport } from '../report/attempt-report.js';
import type { ReportBatcherOptions } from '../report/report-batcher.js';
import { readAttemptReport } from '../report/report-store.js';
import { memoryOfJob, raisedMemory, withMemory } from '../retry/oom-memory.js';
import { decideOomRetry } from '../retry/oom-retry-decision.js';
import { retryAttempts, type RetryOutcome } from '../retry/run-with-retries.js';
import { buildAttemptJob, type AttemptJobOptions, type StepTarget } from '../submit/build-attempt-job.js';
import { Preflight } from '../submit/preflight.js';
import { JobTracker } from '../track/job-tracker.js';
import { trimWatchedObject } from '../track/trim-watched-object.js';

export interface JobRunnerOptions {
  readonly bounds?: Partial<WaitBounds>;
  /** Job list interval of the tracker's safety-net reconcile (default 30 s). */
  readonly reconcileIntervalMs?: number;
  readonly watch?: ResourceWatchOptions;
  /** Every attempt result, exactly once. */
  readonly onResult?: (result: AttemptResult) => void;
  /** Errors the runner recovered from (watch restarts, reconcile, best-effort writes). */
  readonly onError?: (error: unknown) => void;
  /** Record each finished attempt's report for `floe job explain` (default true). */
  readonly reports?: boolean;
  /** How the reports of successful attempts are batched (default: at most one write per namespace every 5 s, 200 reports per batch). */
  readonly reportBatching?: ReportBatcherOptions;
}

export interface SubmitOptions extends AttemptJobOptions {
  /** Check that referenced ConfigMaps/Secrets/ServiceAccount exist before creating the Job (default true). */
  readonly preflight?: boolean;
  /**
   * Memory-aware retries (default: the pipeline's `retry.onOOM`): an attempt
   * after an OOMKilled one gets its memory multiplied, and an OOMKilled
   * attempt is retryable while the cap leaves room. `null` turns it off.
   */
  readonly onOOM?: OomRetry | null;
}

/** A submitted (or adopted, or refused) attempt; `result` settles once the attempt has finished. */
export interface SubmittedAttempt extends AttemptIdentity {
  /** True when a Job of this attempt already existed and was adopted (409). */
  readonly adopted: boolean;
  /** False when the pre-flight refused it: no Job was created. */
  readonly created: boolean;
  readonly result: Promise<AttemptResult>;
}

/** Callbacks of a retry loop: each submitted attempt (e.g. to follow its logs) and each finished one. */
export interface RetryHooks {
  readonly onSubmitted?: (attempt: SubmittedAttempt) => void;
  readonly onAttempt?: (result: AttemptResult, next: { readonly attempt: number; readonly delayMs: number } | undefined) => void;
}

/** The Job name is taken by a Job of another run (not an attempt floe can adopt). */
export class JobNameConflictError extends FloeError {
  constructor(name: string, namespace: string) {
    super('JOBS_NAME_CONFLICT', `Job ${namespace}/${name} exists but belongs to another run or was not created by floe; delete it or use another run id`);
  }
}

/**
 * Runs pipeline steps as Kubernetes Jobs: idempotent submit, one shared
 * tracker (three watches) per namespace, typed results, logs, cancel,
 * retries and pipeline runs. One runner serves any number of runs at once.
 */
export class JobRunner {
  readonly resources: ResourceClient;
  readonly bounds: WaitBounds;
  private readonly hub: WatchHub;
  private readonly preflight: Preflight;
  private readonly trackers = new Map<string, JobTracker>();
  private readonly reporter: AttemptReporter | undefined;
  /** Submits rendering and creating their Job at once (twice the client's requests in flight). */
  private readonly submitting = new ConcurrencyLimit(24);

  constructor(readonly client: KubeClient, private readonly options: JobRunnerOptions = {}, private readonly ownsClient = false) {
    this.resources = new ResourceClient(client);
    this.hub = new WatchHub(this.resources, { transform: trimWatchedObject, ...(options.onError ? { onRecoverableError: options.onError } : {}), ...options.watch });
    this.preflight = new Preflight(this.resources);
    this.bounds = { ...defaultWaitBounds, ...options.bounds };
    this.reporter = options.reports === false ? undefined : new AttemptReporter(client, this.resources, options.onError, options.reportBatching);
  }

  /** A runner with its own client for the cluster a kubeconfig (and context) names; `close()` closes it. */
  static async connect(options: JobRunnerOptions & KubeClientOptions = {}): Promise<JobRunner> {
    return new JobRunner(await KubeClient.connect(options), options, true);
  }

  /** The namespace's tracker, started. */
  async tracker(namespace: string): Promise<JobTracker> {
    let tracker = this.trackers.get(namespace);
    if (!tracker) {
      tracker = new JobTracker(this.resources, this.hub, namespace, {
        bounds: this.bounds,
        ...(this.options.reconcileIntervalMs ? { reconcileIntervalMs: this.options.reconcileIntervalMs } : {}),
        ...(this.options.onError ? { onError: this.options.onError } : {}),
      });
      this.trackers.set(namespace, tracker);
    }
    await tracker.start();
    return tracker;
  }

  /**
   * Creates the Job of one attempt (deterministic name) and starts tracking
   * it. Submitting the same run and attempt again adopts the existing Job.
   * A failed pre-flight creates nothing and settles at once with ConfigError.
   * At most 24 submits render and create their Job at once; the rest wait.
   */
  async submit(target: StepTarget, options: SubmitOptions): Promise<SubmittedAttempt> {
    assertRunId(options.runId);
    // Rendered Jobs exist only while being created: a thousand submits at once do not hold a thousand pod templates.
    return this.submitting.run(() => this.renderAndCreate(target, options));
  }

  private async renderAndCreate(target: StepTarget, options: SubmitOptions): Promise<SubmittedAttempt> {
    const onOOM = options.onOOM === undefined ? target.pipeline.spec.retry.onOOM : (options.onOOM ?? undefined);
    const rendered = buildAttemptJob(target, options);
    const raised = onOOM ? await this.memoryAfterOom(target, options, memoryOfJob(rendered), onOOM) : undefined;
    const job = raised ? withMemory(rendered, raised.memory) : rendered;
    const memory = raised?.memory ?? memoryOfJob(rendered);
    const namespace = job.metadata.namespace!;
    const identity: AttemptIdentity = { namespace, jobName: job.metadata.name, pipeline: target.pipeline.metadata.name, step: target.step.name, runId: options.runId, attempt: options.attempt };
    const tracker = await this.tracker(namespace);
    if (options.preflight !== false) {
      const problems = await this.preflight.problems(job);
      if (problems.length > 0 && !(await this.existing(job))) {
        const now = new Date().toISOString();
        const refused: AttemptResult = { ...identity, status: 'Failed', failure: failure('ConfigError', 'PreflightFailed', problems.join('; ')), createdAt: now, finishedAt: now };
        return { ...identity, adopted: false, created: false, result: this.finish(refused, { target, job, memory, pods: [], jobEvents: [] }) };
      }
    }
    const submittedAt = Date.now();
    let adopted = false;
    try {
      await this.resources.create(job);
    } catch (error) {
      if (!(error instanceof KubeApiError && error.reason === 'AlreadyExists')) throw error;
      if (!(await this.existing(job))) throw error;
      adopted = true;
    }
    const reported = jobForReport(job);
    const raisedFrom = raised?.raisedFrom;
    const result = tracker.track(identity, submittedAt).then((tracked) => {
      // Read the watch caches now, before a suspended Job's pods are deleted.
      const observed = tracker.observed(identity.jobName);
      return this.finish(decideOomRetry(tracked, memory, onOOM), { target, job: reported, memory, ...(raisedFrom ? { raisedFrom } : {}), pods: observed.pods, jobEvents: observed.jobEvents });
    });
    return { ...identity, adopted, created: !adopted, result };
  }

  /** Records the attempt's report (unless disabled), then hands the result to `onResult` once. */
  private async finish(result: AttemptResult, context: { target: StepTarget; job: JobObject; memory: AttemptMemory; raisedFrom?: AttemptReport['memoryRaised']; pods: readonly PodObject[]; jobEvents: readonly EventObject[] }): Promise<AttemptResult> {
    const report = await this.reporter?.record({
      result, job: context.job, memory: context.memory, ...(context.raisedFrom ? { memoryRaised: context.raisedFrom } : {}),
      pods: context.pods, jobEvents: context.jobEvents, historySeconds: context.target.platform.spec.jobs.historySeconds,
    });
    const final = report ? { ...result, report } : result;
    this.options.onResult?.(final);
    return final;
  }

  /**
   * The memory of attempt n > 1 under `retry.onOOM`: raised from attempt
   * n-1's (read from its report, so `floe job run --attempt n` from another
   * process, e.g. Dagster, decides the same) when that one was OOMKilled.
   */
  private async memoryAfterOom(target: StepTarget, options: SubmitOptions, rendered: AttemptMemory, onOOM: OomRetry): Promise<{ memory: AttemptMemory; raisedFrom: NonNullable<AttemptReport['memoryRaised']> } | undefined> {
    if (options.attempt <= 1) return undefined;
    const fromAttempt = options.attempt - 1;
    const jobName = pipelineJobName({ pipeline: target.pipeline.metadata.name, step: target.step.name, runId: options.runId, attempt: fromAttempt });
    const namespace = target.platform.spec.namespaces.jobs;
    // Best effort: a runner that may not read ConfigMaps (a Role from before reports) runs the attempt with the rendered memory.
    const previous = await readAttemptReport(this.resources, { namespace, jobName, runId: options.runId }).catch((error: unknown) => {
      this.options.onError?.(error);
      return undefined;
    });
    if (previous?.failure?.class !== 'OOMKilled') return undefined;
    const from = previous.memory ?? rendered;
    const memory = raisedMemory(from, onOOM);
    return memory ? { memory, raisedFrom: { fromAttempt, from, factor: onOOM.memoryFactor } } : undefined;
  }

  /** Submits and waits for the result. */
  async run(target: StepTarget, options: SubmitOptions): Promise<AttemptResult> {
    return (await this.submit(target, options)).result;
  }

  /**
   * The orchestrator role: attempt 1, then attempt n+1 only for retryable
   * classes, up to the policy's maxAttempts (default: the pipeline's
   * `spec.retry`), waiting the policy's backoff between attempts.
   */
  async runWithRetries(target: StepTarget, options: Omit<SubmitOptions, 'attempt'> & RetryHooks & { policy?: RetryPolicy; signal?: AbortSignal; attemptOptions?: (attempt: number) => Partial<SubmitOptions> }): Promise<RetryOutcome> {
    const { policy, onAttempt, onSubmitted, signal, attemptOptions, ...submit } = options;
    const onOOM = policy ? { onOOM: policy.onOOM ?? null } : {};
    return retryAttempts(async (attempt) => {
      const submitted = await this.submit(target, { ...onOOM, ...submit, ...attemptOptions?.(attempt), attempt });
      onSubmitted?.(submitted);
      return submitted.result;
    }, {
      policy: policy ?? target.pipeline.spec.retry,
      ...(onAttempt ? { onAttempt } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /** Runs every step of a pipeline in dependency order with the pipeline's retry policy. */
  async runPipeline(
    target: { readonly platform: Platform; readonly pipeline: Pipeline },
    options: { runId?: string; concurrency?: number; policy?: RetryPolicy; onProgress?: (progress: PipelineProgress) => void; onSubmitted?: (attempt: SubmittedAttempt) => void; stepOptions?: (step: Step, attempt: number) => Partial<SubmitOptions> } = {},
  ): Promise<PipelineRunSummary> {
    const runId = assertRunId(options.runId ?? newRunId());
    return runPipelineSteps(target.pipeline, (step) => this.runWithRetries({ ...target, step }, {
      runId,
      ...(options.stepOptions ? { attemptOptions: (attempt: number) => options.stepOptions!(step, attempt) } : {}),
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.onSubmitted ? { onSubmitted: options.onSubmitted } : {}),
      onAttempt: (result, next) => options.onProgress?.({ type: 'attempt-finished', step: step.name, result, ...(next ? { nextAttempt: next } : {}) }),
    }), {
      runId,
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  }

  /** Deletes the run's unfinished Jobs with propagation and confirms their pods are gone. */
  cancel(namespace: string, runId: string, options: { timeoutMs?: number } = {}): Promise<CancelResult> {
    return cancelRun(this.resources, namespace, assertRunId(runId), options);
  }

  /** The run's attempts as the cluster shows them now, classified. */
  status(namespace: string, runId: string): Promise<RunStatus> {
    return runStatus(this.resources, namespace, assertRunId(runId), this.bounds);
  }

  /** Why the run's steps (or one step, or one attempt) ended as they did, from the recorded reports; works after the Jobs are gone. */
  explain(namespace: string, runId: string, options: { step?: string; attempt?: number } = {}): Promise<RunExplanation> {
    return explainRun(this.resources, namespace, assertRunId(runId), this.bounds, options);
  }

  /** Recent runs, from the Jobs' labels. */
  listRuns(namespace: string, options: { pipeline?: string; limit?: number } = {}): Promise<RunRecord[]> {
    return listRuns(this.resources, namespace, options);
  }

  /** Logs of a run's latest attempt (or step); `follow` streams until the container ends. */
  logs(namespace: string, runId: string, options: StepLogsOptions): Promise<FollowLogsResult> {
    return runLogs(this.client, this.resources, namespace, assertRunId(runId), options);
  }

  /**
   * Follows a submitted attempt's logs from when its pod appears until its
   * result is in (plus a short drain). Best effort: never affects the result.
   */
  async followAttempt(attempt: SubmittedAttempt, onLine: (line: LogLine) => void, options: { onError?: (error: unknown) => void; drainMs?: number } = {}): Promise<void> {
    if (!attempt.created && !attempt.adopted) return;
    const tracker = await this.tracker(attempt.namespace);
    let settled = false;
    void attempt.result.then(() => {
      settled = true;
    });
    let pod = tracker.observed(attempt.jobName).pods.at(-1);
    while (!pod && !settled) {
      await sleep(200);
      pod = tracker.observed(attempt.jobName).pods.at(-1);
    }
    if (!pod) return;
    const stop = new AbortController();
    void attempt.result.then(() => setTimeout(() => stop.abort(), options.drainMs ?? 1000).unref());
    await podLogs(this.client, this.resources, pod, { follow: true, onLine, signal: stop.signal, ...(options.onError ? { onError: options.onError } : {}) });
  }

  /** Stops the watches (and closes the client when the runner opened it). */
  async close(): Promise<void> {
    await Promise.all([...this.trackers.values()].map((tracker) => tracker.stop()));
    this.trackers.clear();
    await this.hub.stopAll();
    if (this.ownsClient) this.client.close();
  }

  /** The existing Job of this attempt, if it is one (same run id); throws when the name belongs to something else. */
  private async existing(job: JobObject): Promise<JobObject | undefined> {
    const found = await this.resources.get<JobObject>({ apiVersion: 'batch/v1', kind: 'Job', namespace: job.metadata.namespace!, name: job.metadata.name });
    if (!found) return undefined;
    if (found.metadata.annotations?.[runIdAnnotation] !== job.metadata.annotations?.[runIdAnnotation]) throw new JobNameConflictError(job.metadata.name, job.metadata.namespace!);
    return found;
  }
}

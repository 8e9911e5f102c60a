import { KubeApiError, KubeConnectionError, objectKey, WatchHub, type KubeObject, type ResourceClient } from '@floe/kube';
import { waitForSelectedEndpoints } from '../blue-green/endpoint-wait.js';
import { planBlueGreen, readLiveObjects, type ColorSwitch } from '../blue-green/plan.js';
import { oldColorsRemovableAt, type FinishedSwitch } from '../blue-green/scale-down-delay.js';
import { generatedCredentials, renderPlatform, type RenderedPlatform } from '@floe/manifests';
import type { Platform, Pipeline } from '@floe/spec';
import { ensureGeneratedCredentials } from '../credentials/ensure-credentials.js';
import { secretNames } from '../credentials/secret-names.js';
import { appliedDigestAnnotation, objectDigest } from '../drift/applied-digest.js';
import { desiredObject } from './desired-objects.js';
import { refOf } from '@floe/kube';
import { isDesiredSubset } from '../drift/desired-subset.js';
import { decodeAppliedObjects, encodeAppliedObjects, type AppliedObjects } from '../history/applied-objects.js';
import { listRevisions, recordRevision, rememberRender, type Revision } from '../history/revisions.js';
import { applySetParent, refKey } from '../inventory/apply-set.js';
import { readLiveMembers } from './live-members.js';
import { readyAsRead } from './ready-as-read.js';
import { readInventory, writeInventory } from '../inventory/inventory.js';
import { groupByPhase, phaseOfObject, type ApplyPhase } from '../phases/apply-phase.js';
import { groupByDependencies, type DependencyGroup } from '../phases/workload-dependencies.js';
import { applyAsNeedsReady } from '../wait/apply-as-needs-ready.js';
import { needsWaiting } from '../status/object-status.js';
import { waitForReady } from '../wait/readiness-waiter.js';
import { conflictDetails } from './conflict-details.js';
import { ApplyConflictError, DeployFailedError, RevisionContendedError, RollbackFailedError } from './deploy-errors.js';
import { readLastDeploy, recordLastDeploy, type LastDeploy } from '../history/last-deploy.js';
import type { DeployEvent } from './deploy-events.js';
import { pruneRemoved } from './prune.js';
import { volumeSizeChangeRefused } from './volume-size-change.js';
import { autoscaledTargets, replicasFieldManager, replicasToTakeBack } from './replicas-hand-back.js';

export interface DeployOptions {
  readonly platform: Platform;
  readonly resources: ResourceClient;
  /** Wait for every workload to be ready (default true). */
  readonly wait?: boolean;
  /** Bound on the whole deploy including waiting (default 10 min). */
  readonly timeoutMs?: number;
  /** Take fields other managers own. */
  readonly forceConflicts?: boolean;
  /** Server-side dry run: validate and admit everything, persist nothing. */
  readonly dryRun?: boolean;
  /** On failure, re-deploy the last good revision. */
  readonly atomic?: boolean;
  /** Allow a prune that removes every deployed object. */
  readonly allowEmptyPrune?: boolean;
  readonly floeVersion?: string;
  readonly cause?: string;
  /** Pipelines compiled into the Dagster code location (recorded in the revision, so a rollback restores them). */
  readonly pipelines?: readonly Pipeline[];
  /** The objects to deploy, when they were rendered elsewhere (a published artifact); default: rendered from `platform`. */
  readonly rendered?: RenderedPlatform;
  /** The artifact `rendered` came from, pinned to its digest: recorded in the revision. */
  readonly artifact?: string;
  /**
   * Identity of the code that renders and records (the CLI passes a digest of its own build). Recorded with the
   * revision's objects; a deploy with the same renderer, platform and pipelines as the last revision uses that
   * revision's objects instead of rendering again. Without it, every deploy renders.
   */
  readonly renderer?: string;
  readonly onEvent?: (event: DeployEvent) => void;
}

export interface DeployResult {
  readonly revision: number | undefined;
  readonly created: number;
  readonly configured: number;
  readonly unchanged: number;
  readonly pruned: number;
  readonly durationMs: number;
}


/**
 * Deploys a platform: renders it, applies it phase by phase with
 * server-side apply (field manager `floe`), skipping objects already as
 * desired, waits for readiness with fail-fast reasons, creates generated
 * credentials once, prunes what an earlier deploy created and this one no
 * longer renders, and records a revision. Blue-green Deployments (platforms
 * upgraded `blue-green`) are applied as their new colour next to the old,
 * their Services switched once it is Ready and its endpoints are in the
 * EndpointSlices; the old colour keeps running for its scale-down delay
 * after that (kube-proxy on every node catches up, open connections
 * finish), then goes with prune, its pods terminated with their own grace
 * period (see `blue-green/`).
 * The ApplySet inventory is widened
 * before anything is created and narrowed only after prune, so a crash at
 * any point leaves every object tracked. How the deploy ended is recorded
 * for `platformStatus` (a failed one included).
 */
export async function deployPlatform(options: DeployOptions): Promise<DeployResult> {
  if (options.dryRun) return deployOnce(options);
  const { resources, platform } = options;
  const record = (outcome: LastDeploy) => recordLastDeploy(resources, platform.metadata.name, platform.spec.namespaces.platform, outcome);
  const floeVersion = options.floeVersion ?? '0.0.0';
  // The success is recorded beside the revision's record (see deployOnce). A no-op deploy writes nothing: the record
  // changes only when the outcome or the revision does.
  const recording: Recording = {
    succeeded: async (revision, last) => {
      if (last?.outcome === 'succeeded' && last.revision === revision) return;
      await record({ outcome: 'succeeded', at: new Date().toISOString(), floeVersion, ...(revision !== undefined ? { revision } : {}) });
    },
  };
  try {
    return await deployWithRollback(options, recording);
  } catch (error) {
    await record({ outcome: 'failed', at: new Date().toISOString(), floeVersion, message: (error as Error).message });
    throw error;
  }
}

/** How often a deploy tries to record its revision when other deploys take each number it tries. */
const maxRecordAttempts = 3;

/** What the deploy's caller gives it to record its success with. */
interface Recording {
  /**
   * Records that the deploy succeeded as `revision`, given the last deploy's record as read (which decides whether
   * anything is written). Called once the objects are applied and ready, beside the revision's own record, and again
   * should another deploy take that revision's number meanwhile.
   */
  readonly succeeded?: (revision: number | undefined, last: LastDeploy | undefined) => Promise<void>;
}

async function deployWithRollback(options: DeployOptions, recording: Recording): Promise<DeployResult> {
  try {
    return await deployOnce(options, recording);
  } catch (error) {
    if (!options.atomic || options.dryRun) throw error;
    const revisions = await listRevisions(options.resources, options.platform.metadata.name, options.platform.spec.namespaces.platform).catch(() => []);
    const previous = revisions.at(-1);
    if (!previous) throw error;
    options.onEvent?.({ type: 'rollback', toRevision: previous.number, reason: (error as Error).message });
    try {
      const { pipelines: _failedPipelines, ...rest } = options;
      await deployOnce({ ...rest, platform: previous.platform, ...(previous.pipelines ? { pipelines: previous.pipelines } : {}), cause: `automatic rollback to revision ${previous.number}` });
    } catch (rollbackError) {
      throw new RollbackFailedError(previous.number, error, rollbackError);
    }
    throw error;
  }
}

async function deployOnce(options: DeployOptions, recording: Recording = {}): Promise<DeployResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 10 * 60_000);
  const { resources, platform } = options;
  const emit = (event: DeployEvent) => options.onEvent?.(event);
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  // The inventory, and with a renderer the revisions, before rendering: the last revision's objects may serve.
  const renders = options.rendered === undefined && !options.dryRun;
  // With them the last deploy's record (it decides whether this deploy writes its own); the revisions are read again at
  // the end only by a deploy that wrote something (see below).
  const readsRecords = renders && options.renderer !== undefined;
  // Which credentials exist is read with them: the credentials a platform needs follow from the platform alone, as
  // rendering them does (a revision's objects are reused only when rendered by the same code from the same platform),
  // so a first deploy has nothing left to read once it has rendered.
  const credentialNamespaces = (options.rendered?.generatedCredentials ?? generatedCredentials(platform)).flatMap((credential) => credential.namespaces);
  const [previous, revisionsBefore, lastDeployBefore, presentSecrets] = await Promise.all([
    options.dryRun ? { parent, members: [] } : readInventory(resources, parent),
    readsRecords ? listRevisions(resources, platform.metadata.name, platform.spec.namespaces.platform) : undefined,
    readsRecords ? readLastDeploy(resources, platform.metadata.name, platform.spec.namespaces.platform).catch(() => undefined) : undefined,
    options.dryRun ? new Set<string>() : secretNames(resources, credentialNamespaces),
  ]);
  const reused = renders ? sameRender(revisionsBefore?.at(-1), platform, options) : undefined;
  const rendered = options.rendered ?? reused?.applied ?? renderPlatform(platform, { pipelines: options.pipelines ?? [] });
  const colorless = rendered.objects.map((object) => desiredObject(object, parent));
  // A second round of reads: the Deployments and Services of blue-green namespaces, what an earlier deploy left (a
  // LIST per kind and namespace; a dry run reads without the inventory's guidance).
  const [blueGreenLive, live] = await Promise.all([
    readLiveObjects(resources, colorless),
    readLiveMembers(resources, parent, colorless, options.dryRun ? undefined : previous.members),
  ]);
  // Blue-green Deployments become coloured; their Services keep their colour until the new one is Ready.
  const plan = planBlueGreen(colorless, blueGreenLive);
  const desired = plan.objects;
  const replicasPlan: ReplicasPlan = { initial: plan.initialReplicas, autoscaled: autoscaledTargets(desired) };
  const switchingServices = new Set(plan.switches.flatMap((change) => change.services.map((service) => refKey(refOf(service)))));
  const desiredKeys = new Set(desired.map((object) => refKey(refOf(object))));
  const previousKeys = new Set(previous.members.map(refKey));
  const counts = { created: 0, configured: 0, unchanged: 0 };
  // The phases and their early starts wait on the same kinds one after the other: each is watched once, and only
  // when a wait finds something not ready (a re-deploy of a ready platform lists and opens no watch).
  const hub = new WatchHub(resources, {}, { keepWatches: true, followOnDemand: true });
  const toolingVersion = options.floeVersion ?? '0.0.0';
  let inventoryWidened = false;
  let credentialsCreated = 0;
  const appliedGenerations = new Map<string, number>();
  const finishedSwitches: FinishedSwitch[] = [];
  const waitOrFail = async (objects: readonly KubeObject[]) => {
    const outcomes = await waitForReady(resources, hub, objects, {
      deadline,
      appliedGenerations,
      onUpdate: (ref, status) => emit({ type: 'waiting', ref, state: status.state, message: status.message }),
    });
    const failures = outcomes.filter((outcome) => outcome.status.state !== 'Current');
    if (failures.length > 0) {
      const failedNow = failures.filter((outcome) => outcome.status.state === 'Failed');
      throw new DeployFailedError((failedNow.length > 0 ? failedNow : failures).map((outcome) => ({ ref: outcome.ref, message: outcome.status.message })), failedNow.length === 0);
    }
  };
  // A re-deploy that writes nothing (every object as desired, every member in the inventory, every credential present,
  // no colour to switch) has no order to keep: readiness is checked once, of everything, from the first reads.
  const writesNothing = !options.dryRun && plan.switches.length === 0
    && desired.every((object) => isUnchanged(object, live.get(refKey(refOf(object)))))
    && [...desiredKeys].every((key) => previousKeys.has(key))
    && rendered.generatedCredentials.every((credential) => credential.namespaces.every((namespace) => presentSecrets.has(`${namespace}/${credential.secretName}`)));
  const checkOnce = (options.wait ?? true) && writesNothing;
  const waiting = (options.wait ?? true) && !options.dryRun && !checkOnce;
  // Ends the waits of workloads applied ahead of their phase when the deploy stops early.
  const stop = new AbortController();
  // The workloads and bootstrap Jobs applied ahead of their phase, as what they need became Ready.
  const early = new Map<ApplyPhase, Promise<void>>();
  // Generated credentials are created next to the references phase; the phases after it wait for them.
  let credentials: Promise<void> | undefined;
  // Without waiting nothing after the references phase needs anything Ready: those phases are applied together.
  const together = !waiting && (options.dryRun === true || plan.switches.length === 0);
  const phases = groupByPhase(desired);
  const launchEarly = (phase: ApplyPhase, objects: number, apply: () => Promise<void>) => {
    emit({ type: 'phase', phase, objects });
    const applied = apply();
    // Awaited at its phase; a failure of an earlier phase ends the deploy before that.
    applied.catch(() => undefined);
    early.set(phase, applied);
  };
  // The Services of a deploy that does not wait, applied beside the phases after the references (see below).
  let servicesApplied: Promise<void> | undefined;
  const unswitched = (objects: readonly KubeObject[]) => objects.filter((object) => !switchingServices.has(refKey(refOf(object))));
  // Of the rendered objects, before colouring (the colour serving is not part of what was deployed): their digest, and
  // what a new revision records of them. Both are made once the first writes are out, while the deploy waits on the
  // server, not after the last (a deploy that writes nothing needs only the digest, which it mostly reuses).
  let objectsDigest: string | undefined;
  let revisionObjects: Pick<Revision, 'applied' | 'renderer'> | undefined;
  const digestOfObjects = () => (objectsDigest ??= reused?.digest ?? objectDigest(colorless));
  const recordedObjects = () => (revisionObjects ??= appliedRecord(rendered, options.rendered === undefined ? options.renderer : undefined));
  const prepareRecord = () => {
    if (writesNothing || options.dryRun) return;
    setImmediate(() => {
      try {
        digestOfObjects();
        recordedObjects();
      } catch {
        // Made again where they are used, and a failure thrown there.
      }
    });
  };
  try {
    for (const { phase, objects } of phases) {
      if (phase !== 'namespaces' && phase !== 'references') await credentials;
      // A Service that switches colour is applied once, at the switch.
      const now = unswitched(objects);
      const applying = early.get(phase);
      if (applying) {
        await applying;
      } else {
        emit({ type: 'phase', phase, objects: objects.length });
        // Without waiting, what comes after the references needs no Service to exist (no pod takes service links): they
        // do not hold it back. The API server allocates cluster IPs one after another, so Services answer last. A Service
        // that fails fails the deploy once the phases after the references are applied.
        const services = together && phase === 'references' ? now.filter((object) => object.kind === 'Service') : [];
        const held = services.length > 0 ? now.filter((object) => object.kind !== 'Service') : now;
        if (services.length > 0) {
          servicesApplied = applyPhase(resources, live, services, options, counts, emit, appliedGenerations, replicasPlan);
          servicesApplied.catch(() => undefined);
        }
        const applying = applyPhase(resources, live, held, options, counts, emit, appliedGenerations, replicasPlan);
        // The longest wait on the server: the revision's record is made meanwhile.
        if (phase === 'references') prepareRecord();
        await applying;
      }
      if (phase === 'references' && together) {
        for (const later of phases.slice(phases.findIndex((group) => group.phase === 'references') + 1)) {
          launchEarly(later.phase, later.objects.length, async () => {
            await credentials;
            await applyPhase(resources, live, unswitched(later.objects), options, counts, emit, appliedGenerations, replicasPlan);
          });
        }
      }
      if (options.dryRun) continue;
      if (phase === 'namespaces') {
        if ([...desiredKeys].some((key) => !previousKeys.has(key))) {
          await writeInventory(resources, parent, [...previous.members, ...desired.map(refOf)], toolingVersion);
          inventoryWidened = true;
        }
        credentials = ensureGeneratedCredentials(resources, rendered.generatedCredentials, { 'app.kubernetes.io/part-of': 'floe', 'app.kubernetes.io/instance': platform.metadata.name, 'app.kubernetes.io/managed-by': 'floe' }, presentSecrets)
          .then((outcomes) => {
            for (const outcome of outcomes) {
              if (outcome.action === 'created') credentialsCreated++;
              emit({ type: 'credential', ...outcome });
            }
          });
        // Awaited before the stateful phase; a failure of the references phase ends the deploy before that.
        credentials.catch(() => undefined);
      }
      if (phase === 'stateful' && waiting) {
        const launch = (later: ApplyPhase, groups: readonly DependencyGroup[]) => launchEarly(later, groups.reduce((sum, group) => sum + group.objects.length, 0),
          () => applyAsNeedsReady(groups, (group) => applyPhase(resources, live, group, options, counts, emit, appliedGenerations, replicasPlan), { resources, hub, deadline, appliedGenerations, signal: stop.signal }));
        // Each workload starts as soon as the stateful workloads it names are Ready, not when all of them are.
        const workloads = desired.filter((object) => phaseOfObject(object) === 'workloads' && !switchingServices.has(refKey(refOf(object))));
        if (workloads.length > 0) launch('workloads', groupByDependencies(objects, workloads, desired));
        // HPAs and PDBs need their targets to exist, not to be Ready: applied once the workloads are (unless colours switch,
        // when the HPAs move to the new colour only after its Services did).
        const scaling = desired.filter((object) => phaseOfObject(object) === 'scaling');
        const workloadsApplied = early.get('workloads');
        if (scaling.length > 0 && workloadsApplied && plan.switches.length === 0) {
          launchEarly('scaling', scaling.length, async () => {
            await workloadsApplied;
            if (!stop.signal.aborted) await applyPhase(resources, live, scaling, options, counts, emit, appliedGenerations, replicasPlan);
          });
        }
        // A bootstrap Job starts once the servers it names are Ready; one that names no workload waits for all of them, as
        // does every bootstrap Job of a deploy that switches blue-green colours (their Services move only after the workloads phase).
        const bootstrap = desired.filter((object) => phaseOfObject(object) === 'bootstrap');
        if (bootstrap.length > 0 && plan.switches.length === 0) {
          const servers = [...objects, ...workloads].filter((object) => needsWaiting(object.kind));
          launch('bootstrap', groupByDependencies(servers, bootstrap, desired).map((group) => (group.needs.some((need) => phaseOfObject(need) === 'workloads') ? group : { needs: servers, objects: group.objects })));
        }
      }
      if (waiting && (phase === 'stateful' || phase === 'workloads' || phase === 'bootstrap')) {
        const waitable = objects.filter((object) => needsWaiting(object.kind));
        const pvcs = phase === 'workloads' ? desired.filter((object) => object.kind === 'PersistentVolumeClaim') : [];
        await waitOrFail([...waitable, ...pvcs]);
      } else if (phase === 'workloads' && plan.switches.length > 0 && !options.dryRun) {
        // Even without --wait, a Service only ever moves to a colour that is Ready.
        await waitOrFail(plan.switches.map((change) => change.deployment));
      }
      if (phase === 'workloads') {
        for (const change of plan.switches) finishedSwitches.push(await switchColor(change, { resources, live, options, counts, emit, appliedGenerations, hub, deadline }));
      }
    }
    await servicesApplied;
    if (options.dryRun) return { revision: undefined, ...counts, pruned: 0, durationMs: Date.now() - started };
    if (checkOnce) {
      const waited = new Set<ApplyPhase>(['stateful', 'workloads', 'bootstrap']);
      const checked = desired.filter((object) => (waited.has(phaseOfObject(object)) && needsWaiting(object.kind)) || object.kind === 'PersistentVolumeClaim');
      // Ready as first read (nothing was written since): no further request; otherwise watched until ready.
      const asRead = readyAsRead(checked, live);
      if (asRead) for (const { ref, status } of asRead) emit({ type: 'waiting', ref, state: status.state, message: status.message });
      else await waitOrFail(checked);
    }
    // The old colours serve nothing by now, but a node's rules may still send them connections: they stay for the delay.
    const removableAt = oldColorsRemovableAt(finishedSwitches);
    if (removableAt !== undefined && removableAt > Date.now()) await new Promise((resolve) => setTimeout(resolve, removableAt - Date.now()));
    const pruned = await pruneRemoved(resources, parent, previous.members, desiredKeys, { allowEmpty: options.allowEmptyPrune ?? false, onEvent: emit });
    // Narrowed to what this deploy rendered, unless that is what the parent lists already (a first deploy widened it to exactly that).
    const listed = inventoryWidened ? new Set([...previous.members.map(refKey), ...desiredKeys]) : new Set(previous.members.map(refKey));
    const narrowed = listed.size !== desiredKeys.size || [...listed].some((key) => !desiredKeys.has(key));
    if ((inventoryWidened || pruned.attempted > 0) && narrowed) await writeInventory(resources, parent, desired.map(refOf), toolingVersion);
    const wroteNothing = counts.created === 0 && counts.configured === 0 && pruned.attempted === 0 && !inventoryWidened && credentialsCreated === 0 && finishedSwitches.length === 0;
    const digest = digestOfObjects();
    // A new revision when the objects change, or when the same objects now come from another artifact (or from files).
    const isNew = (last: Revision | undefined) => last?.digest !== digest || last?.artifact !== options.artifact;
    // The revisions as first read serve when this deploy wrote nothing (the cluster holds what its first reads saw: a
    // revision recorded since describes objects this deploy did not write), and when they call for a new revision: it
    // is created only if no other deploy recorded its number meanwhile, else they are read again. Otherwise they are read
    // again, so that one recorded meanwhile is seen. The last deploy's record only decides whether this one writes its
    // own: as read first, when it was.
    const [readRevisions, lastDeploy] = await Promise.all([
      revisionsBefore !== undefined && (wroteNothing || isNew(revisionsBefore.at(-1))) ? revisionsBefore : listRevisions(resources, platform.metadata.name, platform.spec.namespaces.platform),
      readsRecords ? lastDeployBefore : readLastDeploy(resources, platform.metadata.name, platform.spec.namespaces.platform).catch(() => undefined),
    ]);
    const succeeded = (number: number | undefined) => recording.succeeded?.(number, lastDeploy) ?? Promise.resolve();
    // What a new revision records, made once (the applied objects are encoded) whatever number it gets.
    const record: Omit<Revision, 'number'> = {
      platform, digest, deployedAt: new Date().toISOString(), floeVersion: toolingVersion, cause: options.cause ?? 'deploy',
      ...(options.artifact ? { artifact: options.artifact } : {}),
      ...(options.pipelines && options.pipelines.length > 0 ? { pipelines: options.pipelines } : {}),
      ...recordedObjects(),
    };
    let revisions = readRevisions;
    let revision = revisions.at(-1)?.number;
    let recordedSuccess = false;
    for (let attempt = 1; isNew(revisions.at(-1)); attempt++) {
      // The success is recorded beside the revision: if another deploy takes the number, it is recorded again below.
      const next = (revisions.at(-1)?.number ?? 0) + 1;
      // Both settle before a failure of either ends the deploy: its failure record must not be overtaken by the success record.
      const [revisionOutcome, successOutcome] = await Promise.allSettled([
        recordRevision(resources, platform.spec.namespaces.platform, record, revisions),
        succeeded(next),
      ]);
      if (revisionOutcome.status === 'rejected') throw revisionOutcome.reason;
      if (successOutcome.status === 'rejected') throw successOutcome.reason as Error;
      const recorded = revisionOutcome.value;
      if (recorded) {
        revision = recorded.number;
        recordedSuccess = true;
        emit({ type: 'revision', number: recorded.number });
        break;
      }
      // Another deploy recorded that number meanwhile: decided again against the revisions as they are now.
      if (attempt === maxRecordAttempts) throw new RevisionContendedError(platform.metadata.name, attempt);
      revisions = await listRevisions(resources, platform.metadata.name, platform.spec.namespaces.platform);
      revision = revisions.at(-1)?.number;
    }
    if (!recordedSuccess) await succeeded(revision);
    if (!isNew(readRevisions.at(-1)) && !reused && options.rendered === undefined && options.renderer !== undefined) {
      // The same objects, rendered by another build (or recorded by an earlier floe without them): recorded once.
      const last = readRevisions.at(-1)!;
      if (last.renderer !== options.renderer && sameInputs(last, platform, options)) {
        await rememberRender(resources, platform.spec.namespaces.platform, { ...last, ...appliedRecord(rendered, options.renderer) });
      }
    }
    return { revision, ...counts, pruned: pruned.deleted, durationMs: Date.now() - started };
  } finally {
    stop.abort();
    await hub.stopAll();
  }
}

/**
 * The last revision's objects and digest when this deploy would render exactly them: the same renderer, the
 * same validated platform and the same pipelines (rendering is a pure function of these).
 */
function sameRender(last: Revision | undefined, platform: Platform, options: DeployOptions): { applied: AppliedObjects; digest: string } | undefined {
  if (!last?.applied || last.renderer === undefined || last.renderer !== options.renderer || !sameInputs(last, platform, options)) return undefined;
  const applied = decodeAppliedObjects(last.applied);
  return applied ? { applied, digest: last.digest } : undefined;
}

/** The revision was deployed from this validated platform and these pipelines. */
function sameInputs(revision: Revision, platform: Platform, options: DeployOptions): boolean {
  return JSON.stringify(revision.platform) === JSON.stringify(platform) && JSON.stringify(revision.pipelines ?? []) === JSON.stringify(options.pipelines ?? []);
}

/** What a new revision keeps of the deploy's objects: them, and their renderer when this code rendered them. */
function appliedRecord(rendered: AppliedObjects, renderer: string | undefined): Pick<Revision, 'applied' | 'renderer'> {
  const applied = encodeAppliedObjects(rendered);
  return { ...(applied ? { applied } : {}), ...(applied && renderer ? { renderer } : {}) };
}

/** Who sets `spec.replicas` besides floe's own manager: the initial replicas of new colours, and the autoscaled workloads. */
interface ReplicasPlan {
  readonly initial: ReadonlyMap<string, number>;
  readonly autoscaled: ReadonlySet<string>;
}

interface SwitchContext {
  readonly resources: ResourceClient;
  readonly live: ReadonlyMap<string, KubeObject>;
  readonly options: DeployOptions;
  readonly counts: { created: number; configured: number; unchanged: number };
  readonly emit: (event: DeployEvent) => void;
  readonly appliedGenerations: Map<string, number>;
  readonly hub: WatchHub;
  readonly deadline: number;
}

/**
 * Moves the Services of one blue-green Deployment to its new colour (which
 * is Ready by now), then waits until their EndpointSlices list only ready
 * pods of the new colour, and returns when that was. The old colour is left
 * running: prune removes it at the end of the deploy, after the HPAs point
 * at the new colour and its scale-down delay has passed.
 */
async function switchColor(change: ColorSwitch, context: SwitchContext): Promise<FinishedSwitch> {
  await applyPhase(context.resources, context.live, change.services, context.options, context.counts, context.emit, context.appliedGenerations, { initial: new Map(), autoscaled: new Set() });
  for (const service of change.services) {
    await waitForSelectedEndpoints(context.hub, service, context.deadline);
    context.emit({ type: 'switched', ref: refOf(service), deployment: change.deployment.metadata.name, from: change.from, to: change.to });
  }
  context.emit({ type: 'retiring', deployment: change.retiring, namespace: change.deployment.metadata.namespace ?? '', seconds: change.scaleDownDelaySeconds });
  return { endpointsSwitchedAt: Date.now(), scaleDownDelaySeconds: change.scaleDownDelaySeconds };
}


/** Whether the live copy is already as `object` would leave it: floe does not apply it. */
function isUnchanged(object: KubeObject, current: KubeObject | undefined): current is KubeObject {
  return current !== undefined && current.metadata.annotations?.[appliedDigestAnnotation] === object.metadata.annotations?.[appliedDigestAnnotation] && isDesiredSubset(object, current);
}

async function applyPhase(
  resources: ResourceClient,
  live: ReadonlyMap<string, KubeObject>,
  objects: readonly KubeObject[],
  options: DeployOptions,
  counts: { created: number; configured: number; unchanged: number },
  emit: (event: DeployEvent) => void,
  appliedGenerations: Map<string, number>,
  replicas: ReplicasPlan,
): Promise<void> {
  const results = await Promise.allSettled(objects.map(async (object) => {
    const ref = refOf(object);
    const current = live.get(refKey(ref));
    if (isUnchanged(object, current)) {
      counts.unchanged++;
      emit({ type: 'applied', ref, action: 'unchanged' });
      return;
    }
    // Only this object's identity (and replicas): what the replicas manager owns, nothing else.
    const identity = { apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.metadata.name, namespace: object.metadata.namespace } };
    const scaleTo = (count: number) => ({ ...identity, spec: { replicas: count } });
    try {
      // Autoscaling switched off: the replicas the HPA owned come back to floe (same value first, so no conflict), then the go-between lets go.
      const takeBack = options.dryRun ? undefined : replicasToTakeBack(object, current, replicas.autoscaled);
      if (takeBack !== undefined) await resources.apply(scaleTo(takeBack), { fieldManager: replicasFieldManager, force: true });
      let applied = await resources.apply(object, { force: options.forceConflicts ?? false, dryRun: options.dryRun ?? false });
      if (takeBack !== undefined) applied = await resources.apply(identity, { fieldManager: replicasFieldManager });
      const initial = replicas.initial.get(refKey(ref));
      if (initial !== undefined && !options.dryRun) {
        // floe's own manager never owns replicas of an autoscaled Deployment; this one sets them once.
        applied = await resources.apply(scaleTo(initial), { fieldManager: replicasFieldManager, force: true });
      }
      if (applied.metadata.generation !== undefined) appliedGenerations.set(`${object.kind}/${objectKey(object)}`, applied.metadata.generation);
    } catch (error) {
      if (error instanceof KubeApiError && error.statusCode === 409) {
        const { managers, fields } = conflictDetails(error);
        throw new ApplyConflictError(ref, managers, fields, error);
      }
      throw volumeSizeChangeRefused(object, current, error) ?? error;
    }
    const action = current ? 'configured' : 'created';
    counts[action]++;
    emit({ type: 'applied', ref, action });
  }));
  const failures = results.flatMap((result, index) => (result.status === 'rejected' ? [{ object: objects[index]!, reason: result.reason as unknown }] : []));
  if (failures.length === 1) throw failures[0]!.reason;
  if (failures.length > 1) {
    const conflicts = failures.map((failure) => failure.reason).filter((reason): reason is ApplyConflictError => reason instanceof ApplyConflictError);
    if (conflicts.length === failures.length) throw conflicts[0]!;
    // The API server went away under several requests at once: one error, retryable, whatever the timing.
    const unreachable = failures.map((failure) => failure.reason).filter((reason): reason is KubeConnectionError => reason instanceof KubeConnectionError);
    if (unreachable.length === failures.length) throw unreachable[0]!;
    throw new DeployFailedError(failures.map((failure) => ({ ref: refOf(failure.object), message: (failure.reason as Error).message })), false);
  }
}

import { KubeApiError, objectKey, WatchHub, type KubeObject, type ResourceClient } from '@floe/kube';
import { renderPlatform } from '@floe/manifests';
import type { Platform } from '@floe/spec';
import { ensureGeneratedCredentials } from '../credentials/ensure-credentials.js';
import { appliedDigestAnnotation, objectDigest } from '../drift/applied-digest.js';
import { desiredObject, refOf } from './desired-objects.js';
import { isDesiredSubset } from '../drift/desired-subset.js';
import { listRevisions, recordRevision } from '../history/revisions.js';
import { applySetLabels, applySetParent, refKey, type ApplySetParent } from '../inventory/apply-set.js';
import { readInventory, writeInventory } from '../inventory/inventory.js';
import { groupByPhase } from '../phases/apply-phase.js';
import { needsWaiting } from '../status/object-status.js';
import { waitForReady } from '../wait/readiness-waiter.js';
import { conflictDetails } from './conflict-details.js';
import { ApplyConflictError, DeployFailedError, RollbackFailedError } from './deploy-errors.js';
import type { DeployEvent } from './deploy-events.js';
import { pruneRemoved } from './prune.js';

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


async function liveMembers(resources: ResourceClient, parent: ApplySetParent, objects: readonly KubeObject[]): Promise<Map<string, KubeObject>> {
  const groups = new Map<string, { apiVersion: string; kind: string; namespace: string | undefined }>();
  for (const object of objects) groups.set(`${object.apiVersion}|${object.kind}|${object.metadata.namespace ?? ''}`, { apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace });
  const live = new Map<string, KubeObject>();
  await Promise.all([...groups.values()].map(async (group) => {
    const list = await resources.list(group.apiVersion, group.kind, { ...(group.namespace ? { namespace: group.namespace } : {}), labelSelector: `${applySetLabels.partOf}=${parent.id}` });
    for (const item of list.items) live.set(refKey(refOf(item)), item);
  }));
  return live;
}

/**
 * Deploys a platform: renders it, applies it phase by phase with
 * server-side apply (field manager `floe`), skipping objects already as
 * desired, waits for readiness with fail-fast reasons, creates generated
 * credentials once, prunes what an earlier deploy created and this one no
 * longer renders, and records a revision. The ApplySet inventory is widened
 * before anything is created and narrowed only after prune, so a crash at
 * any point leaves every object tracked.
 */
export async function deployPlatform(options: DeployOptions): Promise<DeployResult> {
  try {
    return await deployOnce(options);
  } catch (error) {
    if (!options.atomic || options.dryRun) throw error;
    const revisions = await listRevisions(options.resources, options.platform.metadata.name, options.platform.spec.namespaces.platform).catch(() => []);
    const previous = revisions.at(-1);
    if (!previous) throw error;
    options.onEvent?.({ type: 'rollback', toRevision: previous.number, reason: (error as Error).message });
    try {
      await deployOnce({ ...options, platform: previous.platform, cause: `automatic rollback to revision ${previous.number}` });
    } catch (rollbackError) {
      throw new RollbackFailedError(previous.number, error, rollbackError);
    }
    throw error;
  }
}

async function deployOnce(options: DeployOptions): Promise<DeployResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 10 * 60_000);
  const { resources, platform } = options;
  const emit = (event: DeployEvent) => options.onEvent?.(event);
  const parent = applySetParent(platform.metadata.name, platform.spec.namespaces.platform);
  const rendered = renderPlatform(platform);
  const desired = rendered.objects.map((object) => desiredObject(object, parent));
  const desiredKeys = new Set(desired.map((object) => refKey(refOf(object))));
  const previous = options.dryRun ? { parent, members: [] } : await readInventory(resources, parent);
  const counts = { created: 0, configured: 0, unchanged: 0 };
  const hub = new WatchHub(resources);
  const toolingVersion = options.floeVersion ?? '0.0.0';
  let inventoryWidened = false;
  const appliedGenerations = new Map<string, number>();
  try {
    for (const { phase, objects } of groupByPhase(desired)) {
      emit({ type: 'phase', phase, objects: objects.length });
      await applyPhase(resources, parent, objects, options, counts, emit, appliedGenerations);
      if (options.dryRun) continue;
      if (phase === 'namespaces') {
        const previousKeys = new Set(previous.members.map(refKey));
        if ([...desiredKeys].some((key) => !previousKeys.has(key))) {
          await writeInventory(resources, parent, [...previous.members, ...desired.map(refOf)], toolingVersion);
          inventoryWidened = true;
        }
        for (const outcome of await ensureGeneratedCredentials(resources, rendered.generatedCredentials, { 'app.kubernetes.io/part-of': 'floe', 'app.kubernetes.io/instance': platform.metadata.name, 'app.kubernetes.io/managed-by': 'floe' })) {
          emit({ type: 'credential', ...outcome });
        }
      }
      if ((options.wait ?? true) && (phase === 'stateful' || phase === 'workloads')) {
        const waitable = objects.filter((object) => needsWaiting(object.kind));
        const pvcs = phase === 'workloads' ? desired.filter((object) => object.kind === 'PersistentVolumeClaim') : [];
        const outcomes = await waitForReady(resources, hub, [...waitable, ...pvcs], {
          deadline,
          appliedGenerations,
          onUpdate: (ref, status) => emit({ type: 'waiting', ref, state: status.state, message: status.message }),
        });
        const failures = outcomes.filter((outcome) => outcome.status.state !== 'Current');
        if (failures.length > 0) {
          const failedNow = failures.filter((outcome) => outcome.status.state === 'Failed');
          throw new DeployFailedError((failedNow.length > 0 ? failedNow : failures).map((outcome) => ({ ref: outcome.ref, message: outcome.status.message })), failedNow.length === 0);
        }
      }
    }
    if (options.dryRun) return { revision: undefined, ...counts, pruned: 0, durationMs: Date.now() - started };
    const pruned = await pruneRemoved(resources, parent, previous.members, desiredKeys, { allowEmpty: options.allowEmptyPrune ?? false, onEvent: emit });
    if (inventoryWidened || pruned.attempted > 0) await writeInventory(resources, parent, desired.map(refOf), toolingVersion);
    const revisions = await listRevisions(resources, platform.metadata.name, platform.spec.namespaces.platform);
    const digest = objectDigest(desired);
    let revision = revisions.at(-1)?.number;
    if (revisions.at(-1)?.digest !== digest) {
      const recorded = await recordRevision(resources, platform.spec.namespaces.platform, {
        platform, digest, deployedAt: new Date().toISOString(), floeVersion: toolingVersion, cause: options.cause ?? 'deploy',
      }, revisions);
      revision = recorded.number;
      emit({ type: 'revision', number: recorded.number });
    }
    return { revision, ...counts, pruned: pruned.deleted, durationMs: Date.now() - started };
  } finally {
    await hub.stopAll();
  }
}

async function applyPhase(
  resources: ResourceClient,
  parent: ApplySetParent,
  objects: readonly KubeObject[],
  options: DeployOptions,
  counts: { created: number; configured: number; unchanged: number },
  emit: (event: DeployEvent) => void,
  appliedGenerations: Map<string, number>,
): Promise<void> {
  // Listing in a namespace that does not exist yet simply finds nothing.
  const live = await liveMembers(resources, parent, objects);
  const results = await Promise.allSettled(objects.map(async (object) => {
    const ref = refOf(object);
    const current = live.get(refKey(ref));
    const liveDigest = current?.metadata.annotations?.[appliedDigestAnnotation];
    if (current && liveDigest === object.metadata.annotations?.[appliedDigestAnnotation] && isDesiredSubset(object, current)) {
      counts.unchanged++;
      emit({ type: 'applied', ref, action: 'unchanged' });
      return;
    }
    try {
      const applied = await resources.apply(object, { force: options.forceConflicts ?? false, dryRun: options.dryRun ?? false });
      if (applied.metadata.generation !== undefined) appliedGenerations.set(`${object.kind}/${objectKey(object)}`, applied.metadata.generation);
    } catch (error) {
      if (error instanceof KubeApiError && error.statusCode === 409) {
        const { managers, fields } = conflictDetails(error);
        throw new ApplyConflictError(ref, managers, fields, error);
      }
      throw error;
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
    throw new DeployFailedError(failures.map((failure) => ({ ref: refOf(failure.object), message: (failure.reason as Error).message })), false);
  }
}

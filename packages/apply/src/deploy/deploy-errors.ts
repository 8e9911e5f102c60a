import { FloeError } from '@floe/errors';
import { describeObject, type ObjectRef } from '@floe/kube';

/** Another field manager owns fields floe wants to set. */
export class ApplyConflictError extends FloeError {
  constructor(readonly ref: ObjectRef, readonly managers: readonly string[], readonly fields: readonly string[], cause: unknown) {
    super(
      'APPLY_CONFLICT',
      `${describeObject(ref)}: fields owned by ${managers.map((manager) => `"${manager}"`).join(', ') || 'another manager'}: ${fields.join(', ')}; ` +
        'floe did not take them. Re-run with --force-conflicts to take ownership, or remove those fields from the other tool',
      { cause },
    );
  }
}

/** The deploy did not reach Ready: which objects failed or were still waiting, and why. */
export class DeployFailedError extends FloeError {
  constructor(readonly failures: readonly { ref: ObjectRef; message: string }[], readonly timedOut: boolean) {
    super(
      timedOut ? 'DEPLOY_TIMEOUT' : 'DEPLOY_FAILED',
      `${timedOut ? 'timed out: ' : ''}${failures.map((failure) => `${describeObject(failure.ref)}: ${failure.message}`).join('\n')}`,
      { category: 'not-ready' },
    );
  }
}

/** A prune that would delete every object of the platform, refused without an explicit flag. */
export class PruneToEmptyError extends FloeError {
  constructor(count: number) {
    super('PRUNE_TO_EMPTY', `the new object set is empty but ${count} objects are deployed; refusing to prune them all. Pass --allow-empty-prune (or use floe platform destroy)`);
  }
}

/** `--atomic` tried to restore the previous revision after a failed deploy, and that failed too. */
export class RollbackFailedError extends FloeError {
  constructor(readonly revision: number, readonly deployError: unknown, cause: unknown) {
    super(
      'ROLLBACK_FAILED',
      `the deploy failed (${(deployError as Error).message}) and the automatic rollback to revision ${revision} failed too: ${(cause as Error).message}. Inspect with floe platform status, then floe platform rollback --to ${revision}`,
      { cause, category: 'not-ready' },
    );
  }
}

/** The API server refused to change the size of a deployed volume (no expansion on this cluster, or a shrink). */
export class VolumeSizeChangeRefusedError extends FloeError {
  constructor(readonly ref: ObjectRef, readonly liveSize: string, readonly desiredSize: string, cause: unknown) {
    super(
      'VOLUME_SIZE_CHANGE_REFUSED',
      `${describeObject(ref)}: its size cannot change from ${liveSize} to ${desiredSize} on this cluster (${(cause as Error).message.split('\n')[0] ?? ''}). ` +
        `Volumes only grow, and only when dynamically provisioned by a StorageClass with allowVolumeExpansion: true. Keep ${liveSize} as the size of this component in the platform spec, ` +
        'or move its data to a new volume yourself (back it up, delete the PersistentVolumeClaim, deploy, restore)',
      { cause },
    );
  }
}

/** Other deploys of the platform took, each time, the revision number this deploy tried to record. */
export class RevisionContendedError extends FloeError {
  constructor(readonly platform: string, readonly attempts: number) {
    super(
      'REVISION_CONTENDED',
      `platform ${platform}: other deploys recorded a revision ${attempts} times while this deploy recorded its own, so no revision records what it applied (its objects are applied). ` +
        'Deploy again once the other deploys have ended',
      { category: 'unavailable' },
    );
  }
}

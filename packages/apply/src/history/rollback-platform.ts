import { FloeError } from '@floe/errors';
import type { ResourceClient } from '@floe/kube';
import { deployPlatform, type DeployOptions, type DeployResult } from '../deploy/deploy-platform.js';
import type { RenderedPlatform } from '@floe/manifests';
import { listRevisions, type Revision } from './revisions.js';

/** There is no revision to roll back to. */
export class NoSuchRevisionError extends FloeError {
  constructor(message: string) {
    super('NO_SUCH_REVISION', message);
  }
}

/** Options of rollbackPlatform. */
export interface RollbackOptions extends Omit<DeployOptions, 'platform' | 'resources' | 'cause' | 'rendered' | 'artifact' | 'pipelines'> {
  readonly toRevision?: number;
  /**
   * The published objects of a revision deployed from an artifact (the
   * caller pulls `revision.artifact` by its digest). Without it, or when it
   * gives undefined, the revision's platform is rendered again.
   */
  readonly renderedOf?: (revision: Revision) => Promise<RenderedPlatform | undefined>;
}

/**
 * Re-deploys a recorded revision (default: the one before the latest). The
 * result is recorded as a new revision whose cause names the one restored;
 * a revision deployed from an artifact is restored from that artifact's
 * digest and records it again.
 */
export async function rollbackPlatform(
  resources: ResourceClient,
  identity: { name: string; namespace: string },
  options: RollbackOptions = {},
): Promise<DeployResult & { restored: number }> {
  const revisions = await listRevisions(resources, identity.name, identity.namespace);
  const target = options.toRevision === undefined ? revisions.at(-2) : revisions.find((revision) => revision.number === options.toRevision);
  if (!target) {
    const known = revisions.map((revision) => revision.number).join(', ') || 'none';
    throw new NoSuchRevisionError(`platform ${identity.name} has no revision ${options.toRevision ?? 'before the latest'} (recorded: ${known}); see floe platform history`);
  }
  const { renderedOf, toRevision: _toRevision, ...deployOptions } = options;
  const rendered = target.artifact && renderedOf ? await renderedOf(target) : undefined;
  const result = await deployPlatform({
    ...deployOptions, platform: target.platform, resources, cause: `rollback to revision ${target.number}`,
    ...(target.pipelines ? { pipelines: target.pipelines } : {}),
    ...(rendered && target.artifact ? { rendered, artifact: target.artifact } : {}),
  });
  return { ...result, restored: target.number };
}

import { FloeError } from '@floe/errors';
import type { ResourceClient } from '@floe/kube';
import { deployPlatform, type DeployOptions, type DeployResult } from '../deploy/deploy-platform.js';
import { listRevisions } from './revisions.js';

/** There is no revision to roll back to. */
export class NoSuchRevisionError extends FloeError {
  constructor(message: string) {
    super('NO_SUCH_REVISION', message);
  }
}

/**
 * Re-deploys a recorded revision (default: the one before the latest). The
 * result is recorded as a new revision whose cause names the one restored.
 */
export async function rollbackPlatform(
  resources: ResourceClient,
  identity: { name: string; namespace: string },
  options: Omit<DeployOptions, 'platform' | 'resources' | 'cause'> & { toRevision?: number } = {},
): Promise<DeployResult & { restored: number }> {
  const revisions = await listRevisions(resources, identity.name, identity.namespace);
  const target = options.toRevision === undefined ? revisions.at(-2) : revisions.find((revision) => revision.number === options.toRevision);
  if (!target) {
    const known = revisions.map((revision) => revision.number).join(', ') || 'none';
    throw new NoSuchRevisionError(`platform ${identity.name} has no revision ${options.toRevision ?? 'before the latest'} (recorded: ${known}); see floe platform history`);
  }
  const result = await deployPlatform({ ...options, platform: target.platform, resources, cause: `rollback to revision ${target.number}` });
  return { ...result, restored: target.number };
}

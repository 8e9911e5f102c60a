import { FloeError } from '@floe/errors';
import { isStatus, type ResourceClient } from '@floe/kube';
import type { Platform } from '@floe/spec';
import { revisionOf, revisionSelector, type Revision } from './revisions.js';

// Loaded on use: building the schemas is most of a `floe platform status` start-up, and only this reads a revision back.
const spec = () => import('@floe/spec');

/** The platform namespace looked in when the credentials may not list ConfigMaps cluster-wide. */
const defaultPlatformNamespace = 'floe-platform';

/** No revision of the platform is recorded in the cluster, or several namespaces hold one. */
export class DeployedPlatformNotFoundError extends FloeError {
  constructor(platformName: string, namespaces: readonly string[] = []) {
    super(
      'PLATFORM_NOT_DEPLOYED',
      namespaces.length > 1
        ? `platform "${platformName}" is deployed in several namespaces (${namespaces.join(', ')}); pass the one you mean with -f platform.yaml`
        : `platform "${platformName}" is not deployed in this cluster (no recorded revision); deploy it with floe platform deploy -f platform.yaml, or pass -f platform.yaml`,
    );
  }
}

/** The newest revision no longer parses with this floe's platform schema. */
export class DeployedPlatformUnreadableError extends FloeError {
  constructor(source: string, problem: string) {
    super('PLATFORM_REVISION_UNREADABLE', `${source} does not parse with this floe (${problem}); pass -f platform.yaml`);
  }
}

/**
 * The platform as last deployed: the newest recorded revision of the
 * platform named `platformName`, looked up in every namespace (in the
 * default platform namespace only, when the credentials may not list
 * cluster-wide), parsed again with this floe's schema (a revision recorded
 * by an older floe lacks newer fields' defaults). Throws
 * DeployedPlatformNotFoundError when there is none or when several
 * namespaces hold one, DeployedPlatformUnreadableError when it no longer parses.
 */
export async function findDeployedPlatform(resources: ResourceClient, platformName: string): Promise<{ platform: Platform; revision: Revision; namespace: string }> {
  const labelSelector = revisionSelector(platformName);
  const records = await resources.list('v1', 'ConfigMap', { labelSelector }).catch(async (error: unknown) => {
    if (!isStatus(error, 403)) throw error;
    return resources.list('v1', 'ConfigMap', { namespace: defaultPlatformNamespace, labelSelector });
  });
  const namespaces = [...new Set(records.items.map((record) => record.metadata.namespace ?? ''))];
  if (namespaces.length !== 1) throw new DeployedPlatformNotFoundError(platformName, namespaces);
  const latest = records.items.map(revisionOf).sort((a, b) => b.number - a.number)[0]!;
  const namespace = namespaces[0]!;
  const { platformSchema } = await spec();
  const parsed = platformSchema.safeParse(latest.platform);
  if (!parsed.success) throw new DeployedPlatformUnreadableError(`platform ${platformName} revision ${latest.number} (namespace ${namespace})`, parsed.error.issues[0]?.message ?? 'invalid');
  return { platform: parsed.data, revision: latest, namespace };
}

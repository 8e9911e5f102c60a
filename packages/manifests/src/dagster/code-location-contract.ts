import type { Platform } from '@floe/spec';
import { platformImage } from '../images/platform-image.js';
import { apps } from '../kube/apps.js';
import type { AppIdentity } from '../kube/labels.js';
import { objectName } from '../naming/object-name.js';

/**
 * What the Dagster code location (orchestrator/dagster-floe) and the run
 * pods it launches agree on with these manifests: module, port, mount points
 * and env. Python reads the same names in dagster_floe/settings.py; the
 * image (images/floe-dagster) bakes the same defaults in.
 */
export const codeLocation = {
  module: 'dagster_floe.definitions',
  locationName: 'floe-pipelines',
  grpcPort: 3030,
  pipelinesDir: '/etc/floe/pipelines',
  platformDir: '/etc/floe/platform',
  platformFileName: 'platform.json',
  env: { pipelinesDir: 'FLOE_PIPELINES_DIR', platformFile: 'FLOE_PLATFORM_FILE', currentImage: 'DAGSTER_CURRENT_IMAGE' },
} as const;

/** The code location's pods. */
export const codeLocationApp: AppIdentity = apps.dagsterCodeLocation;

/** Names of the code location's objects, prefixed with the platform name like every other object. */
export function codeLocationNames(platformName: string) {
  return {
    codeLocation: objectName(platformName, 'dagster-code-location'),
    runWorker: objectName(platformName, 'dagster-run'),
    compiledPipelines: objectName(platformName, 'pipelines'),
    platformSpec: objectName(platformName, 'platform-spec'),
  };
}

/**
 * The image of the code location and of the run workers Dagster launches
 * (`spec.orchestrator.codeLocation.image`, floe-dagster by default: python +
 * dagster, dagster-k8s, dagster-postgres + dagster_floe + node + the floe
 * CLI, user 10001), through the platform's mirror.
 */
export function codeLocationImage(platform: Platform): string {
  return platformImage(platform, platform.spec.orchestrator.codeLocation.image);
}

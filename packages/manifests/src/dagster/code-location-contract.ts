import { objectName } from '../naming/object-name.js';
import type { AppIdentity } from '../kube/labels.js';

/**
 * What the Dagster code location (orchestrator/dagster-floe) and the run
 * pods it launches agree on with these manifests: image, module, port,
 * mount points and env. Python reads the same names in dagster_floe/settings.py.
 */
export const codeLocation = {
  /**
   * python + dagster (+ dagster-k8s, dagster-postgres) + dagster_floe + node +
   * the floe CLI, running as the pipeline user (10001). Pinned; built from images/.
   */
  image: 'ghcr.io/floe-dev/floe-dagster:0.1.0',
  module: 'dagster_floe.definitions',
  locationName: 'floe-pipelines',
  grpcPort: 3030,
  pipelinesDir: '/etc/floe/pipelines',
  platformDir: '/etc/floe/platform',
  platformFileName: 'platform.json',
  env: { pipelinesDir: 'FLOE_PIPELINES_DIR', platformFile: 'FLOE_PLATFORM_FILE', currentImage: 'DAGSTER_CURRENT_IMAGE' },
} as const;

/** The code location's pods; run pods keep the shared pipeline pod labels. */
export const codeLocationApp: AppIdentity = { name: 'dagster', component: 'code-location' };

/** Names of the code location's objects, prefixed with the platform name like every other object. */
export function codeLocationNames(platformName: string) {
  return {
    codeLocation: objectName(platformName, 'dagster-code-location'),
    runWorker: objectName(platformName, 'dagster-run'),
    compiledPipelines: objectName(platformName, 'pipelines'),
    platformSpec: objectName(platformName, 'platform-spec'),
  };
}

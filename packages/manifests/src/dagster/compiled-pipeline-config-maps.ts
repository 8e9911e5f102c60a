import type { Pipeline, Platform } from '@floe/spec';
import { UnsupportedPlatformError } from '../errors.js';
import type { KubeObject } from '../kube/kube-object.js';
import { platformNames } from '../naming/platform-names.js';
import { configMap } from '../workloads/config-map.js';
import { codeLocation, codeLocationApp, codeLocationImage, codeLocationNames } from './code-location-contract.js';
import { compilePipelines, compilePlatform } from './compile-pipelines.js';

/**
 * The compiled pipelines (`<name>.json` per pipeline) and the compiled
 * platform (`platform.json`) as ConfigMaps, in the platform namespace (for
 * the code location) and in the jobs namespace (for Dagster's run pods,
 * which call `floe job run -p <pipeline> -f <platform>`). This is the
 * "compile" step of GitOps: `floe render -p ...` writes them. None without
 * pipelines: the code location's and run pods' volumes are optional, so it
 * then serves no jobs.
 */
export function compiledPipelineConfigMaps(platform: Platform, pipelines: readonly Pipeline[]): KubeObject[] {
  if (pipelines.length === 0) return [];
  for (const pipeline of pipelines) {
    if (pipeline.spec.platform !== platform.metadata.name) {
      throw new UnsupportedPlatformError(`pipeline "${pipeline.metadata.name}" runs on platform "${pipeline.spec.platform}", not "${platform.metadata.name}": render it with its own platform`);
    }
  }
  const names = platformNames(platform);
  const own = codeLocationNames(platform.metadata.name);
  const image = codeLocationImage(platform);
  const compiled = Object.fromEntries(compilePipelines(pipelines).map((pipeline) => [pipeline.fileName, pipeline.json]));
  const platformJson = { [codeLocation.platformFileName]: compilePlatform(platform) };
  return [...new Set([names.platformNamespace, names.jobsNamespace])].flatMap((namespace) => [
    configMap(platform, { name: own.compiledPipelines, namespace, app: codeLocationApp, image, data: compiled }),
    configMap(platform, { name: own.platformSpec, namespace, app: codeLocationApp, image, data: platformJson }),
  ]);
}

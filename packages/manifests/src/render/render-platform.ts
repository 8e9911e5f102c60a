import type { Pipeline, Platform } from '@floe/spec';
import { renderJobAccess } from '../core/render-job-access.js';
import { renderNamespaces } from '../core/render-namespaces.js';
import { generatedCredentials } from '../credentials/credential-refs.js';
import type { GeneratedCredential } from '../credentials/generated-credential.js';
import { renderCube } from '../cube/render-cube.js';
import { renderDagster } from '../dagster/render-dagster.js';
import type { KubeObject } from '../kube/kube-object.js';
import { renderNetworkPolicies } from '../network/render-network-policies.js';
import { renderCollector } from '../observability/render-collector.js';
import { renderGrafana } from '../observability/render-grafana.js';
import { renderPrometheus } from '../observability/render-prometheus.js';
import { platformConfigMap } from '../platform-config/platform-config-map.js';
import { renderIcebergRest } from '../iceberg-rest/render-iceberg-rest.js';
import { renderPolaris } from '../polaris/render-polaris.js';
import { renderRegistry } from '../registry/render-registry.js';
import { renderMinio } from '../storage/render-minio.js';
import { sortForApply } from './apply-order.js';
import type { RenderedComponent } from './component.js';

/** Everything floe deploys for a platform (Layer 3). */
export interface RenderedPlatform {
  /** Every object, in apply order. */
  readonly objects: readonly KubeObject[];
  /** The same objects by component, each in apply order, components in file order. */
  readonly components: readonly RenderedComponent[];
  /** Secrets the apply step must create once and keep; no Secret is ever rendered. */
  readonly generatedCredentials: readonly GeneratedCredential[];
}

/** What renderPlatform renders besides the platform itself. */
export interface RenderPlatformOptions {
  /** Validated pipelines of this platform: compiled into the Dagster code location's ConfigMaps. */
  readonly pipelines?: readonly Pipeline[];
}

const componentRenderers: readonly [string, (platform: Platform, pipelines: readonly Pipeline[]) => KubeObject[]][] = [
  ['00-namespaces', renderNamespaces],
  ['05-access', renderJobAccess],
  ['06-platform-config', (platform) => [platformConfigMap(platform)]],
  ['08-network-policies', renderNetworkPolicies],
  ['10-dagster', (platform, pipelines) => renderDagster(platform, pipelines)],
  ['20-polaris', renderPolaris],
  ['20-iceberg-rest', renderIcebergRest],
  ['30-cube', renderCube],
  ['40-observability', (platform) => [...renderCollector(platform), ...renderPrometheus(platform), ...renderGrafana(platform)]],
  ['50-storage', renderMinio],
  ['60-registry', renderRegistry],
];

/**
 * Renders a validated Platform into Kubernetes objects. Pure and
 * deterministic: no cluster access, and the same platform always gives the
 * same objects (and, through `toYaml`, the same bytes). With `pipelines`,
 * the Dagster component also holds them compiled (see
 * `compiledPipelineConfigMaps`); without, the code location serves no jobs.
 */
export function renderPlatform(platform: Platform, options: RenderPlatformOptions = {}): RenderedPlatform {
  const pipelines = options.pipelines ?? [];
  const components = componentRenderers
    .map(([name, render]) => ({ name, objects: sortForApply(render(platform, pipelines)) }))
    .filter((component) => component.objects.length > 0);
  return {
    objects: sortForApply(components.flatMap((component) => component.objects)),
    components,
    generatedCredentials: generatedCredentials(platform),
  };
}

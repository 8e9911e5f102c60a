import type { KubeObject } from '@floe/kube';
import { blueGreen } from '@floe/manifests';
import { appliedDigestAnnotation } from '../drift/applied-digest.js';
import { isDesiredSubset } from '../drift/desired-subset.js';

export type Color = 'blue' | 'green';

export const colors: readonly Color[] = ['blue', 'green'];

export function otherColor(color: Color): Color {
  return color === 'blue' ? 'green' : 'blue';
}

/** `<name>-blue`, `<name>-green`. */
export function coloredName(name: string, color: Color): string {
  return `${name}-${color}`;
}

/** A Deployment the renderer marked for blue-green upgrades (only ever Deployments). */
export function isBlueGreenDeployment(object: KubeObject): boolean {
  return object.kind === 'Deployment' && object.metadata.annotations?.[blueGreen.upgradeAnnotation] === 'blue-green';
}

/** The Deployment (by name) a Service serves blue-green, if any. */
export function blueGreenServiceOf(object: KubeObject): string | undefined {
  return object.kind === 'Service' ? object.metadata.annotations?.[blueGreen.serviceOfAnnotation] : undefined;
}

/** The colour a live object's selector (Service) or labels (Deployment) carry. */
export function colorOf(object: KubeObject | undefined): Color | undefined {
  if (!object) return undefined;
  const value = object.kind === 'Service'
    ? (object['spec'] as { selector?: Record<string, string> } | undefined)?.selector?.[blueGreen.colorLabel]
    : object.metadata.labels?.[blueGreen.colorLabel];
  return value === 'blue' || value === 'green' ? value : undefined;
}

interface DeploymentSpec {
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: { labels?: Record<string, string> } };
  [field: string]: unknown;
}

/**
 * The desired Deployment as one colour: named `<name>-<colour>`, with
 * `floe.dev/color` on itself, in its selector and on its pods (so the two
 * colours never select each other's pods). Everything else — including the
 * digest annotation of the colourless desired object — stays as it is.
 */
export function colorDeployment(desired: KubeObject, color: Color): KubeObject {
  const spec = (desired['spec'] ?? {}) as DeploymentSpec;
  const colorLabels = { [blueGreen.colorLabel]: color };
  return {
    ...desired,
    metadata: { ...desired.metadata, name: coloredName(desired.metadata.name, color), labels: { ...desired.metadata.labels, ...colorLabels } },
    spec: {
      ...spec,
      selector: { ...spec.selector, matchLabels: { ...spec.selector?.matchLabels, ...colorLabels } },
      template: { ...spec.template, metadata: { ...spec.template?.metadata, labels: { ...spec.template?.metadata?.labels, ...colorLabels } } },
    },
  };
}

/** The desired Service selecting one colour, or (undefined) no colour: the pods of both and of an uncoloured Deployment. */
export function colorService(desired: KubeObject, color: Color | undefined): KubeObject {
  const spec = (desired['spec'] ?? {}) as { selector?: Record<string, string> };
  const selector = Object.fromEntries(Object.entries(spec.selector ?? {}).filter(([label]) => label !== blueGreen.colorLabel));
  return { ...desired, spec: { ...spec, selector: color ? { ...selector, [blueGreen.colorLabel]: color } : selector } };
}

/** An HPA pointed at the coloured Deployment. */
export function retargetAutoscaler(desired: KubeObject, deploymentName: string, color: Color): KubeObject {
  const spec = (desired['spec'] ?? {}) as { scaleTargetRef?: { kind?: string; name?: string } };
  if (spec.scaleTargetRef?.kind !== 'Deployment' || spec.scaleTargetRef.name !== deploymentName) return desired;
  return { ...desired, spec: { ...spec, scaleTargetRef: { ...spec.scaleTargetRef, name: coloredName(deploymentName, color) } } };
}

/** What the cluster holds for one blue-green Deployment. */
export interface LiveColors {
  /** The live Services that serve it (the colour their selector carries decides which colour serves). */
  readonly services: readonly (KubeObject | undefined)[];
  readonly blue: KubeObject | undefined;
  readonly green: KubeObject | undefined;
}

/** Which colour serves now, which colour the deploy leaves serving, and whether a switch is needed. */
export interface ColorChoice {
  /** The colour that serves now (undefined: none yet, or an uncoloured Deployment from rolling upgrades). */
  readonly current: Color | undefined;
  /** The colour serving after this deploy. */
  readonly target: Color;
  /** The current colour already runs exactly the desired Deployment: nothing to do. */
  readonly steady: boolean;
}

/**
 * Chooses the colours of one blue-green Deployment. The current colour is
 * the one the live Service selects (without a Service: the only coloured
 * Deployment that exists). If that colour's live Deployment carries the
 * digest of the desired (colourless) Deployment and holds every desired
 * field, it stays (steady). Otherwise the other colour is brought up; the
 * first deploy, and the first after rolling upgrades, bring up blue.
 */
export function chooseColor(desired: KubeObject, live: LiveColors): ColorChoice {
  const fromService = live.services.map((service) => colorOf(service)).find((color) => color !== undefined);
  const existing = colors.filter((color) => live[color] !== undefined);
  const current = fromService ?? (live.services.every((service) => service === undefined) && existing.length === 1 ? existing[0] : undefined);
  if (!current) return { current, target: 'blue', steady: false };
  const serving = live[current];
  const digest = desired.metadata.annotations?.[appliedDigestAnnotation];
  const steady = serving !== undefined && digest !== undefined && serving.metadata.annotations?.[appliedDigestAnnotation] === digest && isDesiredSubset(colorDeployment(desired, current), serving);
  return { current, target: steady ? current : otherColor(current), steady };
}

import type { Platform } from '@floe/spec';

/**
 * Blue-green upgrades (`spec.upgrades.strategy: blue-green`). The renderer
 * only marks what may switch colour; the apply step does the switching
 * (coloured Deployment names, the colour label, the Service selector).
 */
export const blueGreen = {
  /** On a Deployment: `blue-green` when it is upgraded by bringing up a second colour next to the first. */
  upgradeAnnotation: 'floe.dev/upgrade',
  /** On a Service: the name of the blue-green Deployment whose pods it selects. */
  serviceOfAnnotation: 'floe.dev/blue-green-of',
  /** On a coloured Deployment, its pods and the Service selector: `blue` or `green`. */
  colorLabel: 'floe.dev/color',
  /**
   * On a blue-green Deployment: seconds the old colour keeps running after
   * the switch (`spec.upgrades.blueGreen.scaleDownDelaySeconds`). Carried in
   * the rendered object so a published artifact deploys with its own delay.
   */
  scaleDownDelayAnnotation: 'floe.dev/scale-down-delay-seconds',
} as const;

/** The annotations of a blue-green-eligible Deployment: none unless the platform upgrades blue-green. */
export function blueGreenAnnotations(platform: Platform): Record<string, string> {
  return platform.spec.upgrades.strategy === 'blue-green'
    ? { [blueGreen.upgradeAnnotation]: 'blue-green', [blueGreen.scaleDownDelayAnnotation]: String(platform.spec.upgrades.blueGreen.scaleDownDelaySeconds) }
    : {};
}

/** The annotations of the Service of a blue-green-eligible Deployment: none unless the platform upgrades blue-green. */
export function blueGreenServiceAnnotations(platform: Platform, deploymentName: string): Record<string, string> {
  return platform.spec.upgrades.strategy === 'blue-green' ? { [blueGreen.serviceOfAnnotation]: deploymentName } : {};
}

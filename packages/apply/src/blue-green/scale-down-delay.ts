import type { KubeObject } from '@floe/kube';
import { blueGreen } from '@floe/manifests';

/**
 * Seconds the old colour keeps running after the switch when the rendered
 * Deployment does not say (an artifact rendered before the setting
 * existed): Argo Rollouts' `scaleDownDelaySeconds` default, long enough for
 * every node's kube-proxy to reprogram its rules and for open connections
 * to finish.
 */
export const defaultScaleDownDelaySeconds = 30;

/** The scale-down delay a rendered blue-green Deployment carries (`floe.dev/scale-down-delay-seconds`). */
export function scaleDownDelayOf(deployment: KubeObject): number {
  const value = deployment.metadata.annotations?.[blueGreen.scaleDownDelayAnnotation];
  const seconds = value === undefined || !/^\d+$/.test(value) ? Number.NaN : Number(value);
  return Number.isSafeInteger(seconds) ? seconds : defaultScaleDownDelaySeconds;
}

/** One finished switch: when its Service's EndpointSlices listed only the new colour, and how long the old one stays. */
export interface FinishedSwitch {
  readonly endpointsSwitchedAt: number;
  readonly scaleDownDelaySeconds: number;
}

/**
 * When the old colours may be removed (epoch ms): the latest end of any
 * switch's delay, counted from the moment its EndpointSlices listed only the
 * new colour — not from the selector change, which kube-proxy cannot act on
 * before the EndpointSlice controller has. Undefined without switches.
 */
export function oldColorsRemovableAt(switches: readonly FinishedSwitch[]): number | undefined {
  if (switches.length === 0) return undefined;
  return Math.max(...switches.map((change) => change.endpointsSwitchedAt + change.scaleDownDelaySeconds * 1000));
}

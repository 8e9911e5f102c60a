import type { Platform } from '@floe/spec';
import { mirrorImage } from './mirror-image.js';

/**
 * The image reference floe renders for `reference` on `platform`: the
 * reference itself, or the same image through the platform's registry mirror
 * (`spec.images.mirror`). Every image floe renders passes through here:
 * platform services, bootstrap Jobs, Dagster's `job_image` and pipeline pods.
 */
export function platformImage(platform: Platform, reference: string): string {
  const mirror = platform.spec.images.mirror;
  return mirror ? mirrorImage(reference, mirror) : reference;
}

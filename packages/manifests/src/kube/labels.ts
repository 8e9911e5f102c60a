import type { Platform } from '@floe/spec';
import { imageVersion } from '../naming/image-version.js';

/** Which application and part of it an object belongs to: the immutable identity selectors use. */
export interface AppIdentity {
  /** `app.kubernetes.io/name`, e.g. `dagster`, `polaris`. */
  readonly name: string;
  /** `app.kubernetes.io/component`, e.g. `webserver`, `database`. */
  readonly component: string;
}

export type Layer = 'platform' | 'pipeline';

export const labelKeys = {
  name: 'app.kubernetes.io/name',
  instance: 'app.kubernetes.io/instance',
  component: 'app.kubernetes.io/component',
  partOf: 'app.kubernetes.io/part-of',
  version: 'app.kubernetes.io/version',
  managedBy: 'app.kubernetes.io/managed-by',
  layer: 'floe.dev/layer',
} as const;

/** Sorted copy of `record`, so label maps always print in the same order. */
export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key]!;
  return sorted;
}

/** The labels a selector uses: immutable ones only (never the version). */
export function selectorLabels(platform: Platform, app: AppIdentity): Record<string, string> {
  return sortedRecord({
    [labelKeys.name]: app.name,
    [labelKeys.instance]: platform.metadata.name,
    [labelKeys.component]: app.component,
  });
}

/**
 * Every label an object carries: the user's platform labels, then the
 * standard ones (which win). `image` gives the version; objects without an
 * image of their own carry the floe runtime image's version.
 */
export function objectLabels(platform: Platform, app: AppIdentity, options: { image?: string; layer?: Layer } = {}): Record<string, string> {
  return sortedRecord({
    ...platform.metadata.labels,
    ...selectorLabels(platform, app),
    [labelKeys.partOf]: 'floe',
    [labelKeys.version]: imageVersion(options.image ?? platform.spec.jobs.image),
    [labelKeys.managedBy]: 'floe',
    [labelKeys.layer]: options.layer ?? 'platform',
  });
}

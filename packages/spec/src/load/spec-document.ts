import type { FieldPath } from '../issues/field-path.js';
import type { Pipeline } from '../schema/pipeline/pipeline.js';
import type { Platform } from '../schema/platform/platform.js';
import type { SourcePosition } from './source-positions.js';

interface Located {
  readonly file: string;
  /** Where a field of this document sits in its file (for errors found later, e.g. cross-document checks). */
  readonly locate: (path: FieldPath) => SourcePosition;
}

/** A validated document with the file it came from. */
export type SpecDocument =
  | (Located & { readonly kind: 'Platform'; readonly spec: Platform })
  | (Located & { readonly kind: 'Pipeline'; readonly spec: Pipeline });

/** The document kinds floe reads. */
export const specKinds = ['Platform', 'Pipeline'] as const;
export type SpecKind = (typeof specKinds)[number];

import { z } from 'zod';
import { ruledPattern } from '../../rules/pattern-rules.js';

// A registry host (with a dot, a port or "localhost") and optional lowercase path components; no tag, no digest.
const mirrorPrefixPattern =
  /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?=:\d))(?::\d{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;

/**
 * A registry mirror every rendered image is pulled through (air-gapped
 * clusters, private mirrors). `keepRegistryHost: true` (default) maps
 * `postgres:18.1` to `<prefix>/docker.io/library/postgres:18.1` and
 * `quay.io/minio/minio:T` to `<prefix>/quay.io/minio/minio:T` (the layout of
 * `skopeo sync --scoped`); `false` drops the source host
 * (`<prefix>/library/postgres:18.1`), as a proxy project for one upstream
 * registry expects. A reference already under the prefix is left as is.
 */
const mirror = z.strictObject({
  prefix: ruledPattern(
    mirrorPrefixPattern,
    'invalid-image',
    'is not a registry mirror prefix',
    'use a registry host with optional port and path, without tag or digest, e.g. mirror.acme.internal:5000/upstream',
  ).max(255),
  keepRegistryHost: z.boolean().default(true),
});

/** Where every image floe renders is pulled from; per-component images stay in each component's `image` field. */
export const images = z
  .strictObject({
    mirror: mirror.optional(),
  })
  .prefault({});
export type Images = z.output<typeof images>;
export type ImageMirror = z.output<typeof mirror>;

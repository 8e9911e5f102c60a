import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { dnsSubdomain, imageReference, resourcesWithDefault } from '../kubernetes-types.js';

/** Defaults every pipeline job inherits from the platform. */
export const jobs = z
  .strictObject({
    image: imageReference.default(defaultImages.floeJob),
    serviceAccount: dnsSubdomain.default('floe-job'),
    resources: resourcesWithDefault({ cpu: '500m', memory: '1Gi' }, { cpu: '2', memory: '4Gi' }),
    activeDeadlineSeconds: z.int().min(30).max(7 * 24 * 3600).default(3600),
    ttlSecondsAfterFinished: z.int().min(0).max(30 * 24 * 3600).default(86400),
    /**
     * Where dbt, quality checks and dlt read and write tables. `duckdb`: a
     * DuckDB file at `path` inside the pod (on its writable work volume).
     */
    warehouse: z
      .strictObject({
        type: z.literal('duckdb').default('duckdb'),
        path: z.string().regex(/^\/[^\0]*$/, { error: 'must be an absolute path inside the pod' }).default('/var/lib/floe/warehouse.duckdb'),
      })
      .prefault({}),
  })
  .prefault({});
export type JobDefaults = z.output<typeof jobs>;

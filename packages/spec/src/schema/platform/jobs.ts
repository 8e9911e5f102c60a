import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { dnsSubdomain, imageReference, resourcesWithDefault } from '../kubernetes-types.js';

const defaultHistorySeconds = 7 * 24 * 3600;

/** Defaults every pipeline job inherits from the platform. */
export const jobs = z
  .strictObject({
    image: imageReference.default(defaultImages.floeJob),
    serviceAccount: dnsSubdomain.default('floe-job'),
    resources: resourcesWithDefault({ cpu: '500m', memory: '1Gi' }, { cpu: '2', memory: '4Gi' }),
    activeDeadlineSeconds: z.int().min(30).max(7 * 24 * 3600).default(3600),
    ttlSecondsAfterFinished: z.int().min(0).max(30 * 24 * 3600).default(86400),
    /**
     * How long a run's attempt reports (what `floe job explain` reads) are
     * kept after the attempt finished; they outlive the Job and its pods.
     * Default: 7 days, or `ttlSecondsAfterFinished` when that is longer.
     */
    historySeconds: z.int().min(0).max(90 * 24 * 3600).optional(),
    /**
     * Where dbt, quality checks and dlt read and write tables when the
     * platform has no catalog. With `spec.catalog` enabled they are Iceberg
     * tables in the catalog, on the platform's storage, and this is not used.
     * `duckdb`: a DuckDB file at `path` inside the pod (on its writable work
     * volume) — gone with the pod, so for single-step pipelines and tests.
     */
    warehouse: z
      .strictObject({
        type: z.literal('duckdb').default('duckdb'),
        path: z.string().regex(/^\/[^\0]*$/, { error: 'must be an absolute path inside the pod' }).default('/var/lib/floe/warehouse.duckdb'),
      })
      .prefault({}),
  })
  .superRefine((jobs, ctx) => {
    if (jobs.historySeconds === undefined || jobs.historySeconds >= jobs.ttlSecondsAfterFinished) return;
    ctx.addIssue({
      code: 'custom',
      path: ['historySeconds'],
      message: `historySeconds (${jobs.historySeconds}) is shorter than ttlSecondsAfterFinished (${jobs.ttlSecondsAfterFinished}): a run's reports would go before its Jobs`,
      params: { rule: 'history-shorter-than-ttl', hint: `set historySeconds to ${jobs.ttlSecondsAfterFinished} or more` },
    });
  })
  .transform((jobs) => ({ ...jobs, historySeconds: jobs.historySeconds ?? Math.max(defaultHistorySeconds, jobs.ttlSecondsAfterFinished) }))
  .prefault({});
export type JobDefaults = z.output<typeof jobs>;

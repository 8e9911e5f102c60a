import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, resourcesWithDefault, statelessServer } from '../kubernetes-types.js';
import { postgresDatabase } from './database.js';

/**
 * Dagster: webserver and daemon (`image`), the code location serving the
 * platform's pipelines and the run workers Dagster launches
 * (`codeLocation.image`, floe's own floe-dagster image), and its PostgreSQL.
 */
export const orchestrator = z
  .strictObject({
    enabled: z.boolean().default(true),
    type: z.literal('dagster').default('dagster'),
    image: imageReference.default(defaultImages.dagster),
    webserver: statelessServer({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }),
    daemon: z
      .strictObject({
        resources: resourcesWithDefault({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }),
      })
      .prefault({}),
    codeLocation: z
      .strictObject({
        image: imageReference.default(defaultImages.floeDagster),
      })
      .prefault({}),
    /**
     * Dagster's run monitoring (the daemon): how often it checks each started
     * run's worker Job, and how long a run may stay "starting". A run worker
     * lost to a drain or a deleted pod is found within one interval and its
     * run ends failed, never "started" for ever. Dagster's chart: 120 and 300.
     */
    runMonitoring: z
      .strictObject({
        pollIntervalSeconds: z.int().min(5).max(3600).default(120),
        startTimeoutSeconds: z.int().min(30).max(86_400).default(300),
      })
      .prefault({}),
    database: postgresDatabase,
  })
  .prefault({});
export type Orchestrator = z.output<typeof orchestrator>;

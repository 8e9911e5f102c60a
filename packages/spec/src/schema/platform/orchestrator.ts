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
    database: postgresDatabase,
  })
  .prefault({});
export type Orchestrator = z.output<typeof orchestrator>;

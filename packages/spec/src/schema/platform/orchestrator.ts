import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, resourcesWithDefault, statelessServer } from '../kubernetes-types.js';
import { postgresDatabase } from './database.js';

/** Dagster: webserver, daemon and its PostgreSQL. */
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
    database: postgresDatabase,
  })
  .prefault({});
export type Orchestrator = z.output<typeof orchestrator>;

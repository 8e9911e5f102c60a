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
  })
  .prefault({});
export type JobDefaults = z.output<typeof jobs>;

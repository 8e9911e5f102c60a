import { z } from 'zod';
import { defaultImages } from '../default-images.js';
import { imageReference, persistentStorage, resourcesWithDefault, secretRef } from '../kubernetes-types.js';

/** Where the collector sends telemetry. Headers (API keys) only by Secret reference. */
const exporter = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('otlp'),
    name: z.string().regex(/^[a-z0-9_-]{1,40}$/).default('upstream'),
    endpoint: z.string().min(1),
    insecure: z.boolean().default(false),
    headersSecretRef: secretRef.optional(),
  }),
  z.strictObject({
    type: z.literal('otlphttp'),
    name: z.string().regex(/^[a-z0-9_-]{1,40}$/).default('upstream-http'),
    endpoint: z.url(),
    headersSecretRef: secretRef.optional(),
  }),
  z.strictObject({ type: z.literal('debug'), verbosity: z.enum(['basic', 'normal', 'detailed']).default('basic') }),
]);
export type CollectorExporter = z.output<typeof exporter>;

/** OTLP collector, optional Prometheus and Grafana. */
export const observability = z
  .strictObject({
    collector: z
      .strictObject({
        enabled: z.boolean().default(true),
        image: imageReference.default(defaultImages.collector),
        replicas: z.int().min(1).max(20).default(1),
        exporters: z.array(exporter).default([{ type: 'debug', verbosity: 'basic' }]),
        resources: resourcesWithDefault({ cpu: '100m', memory: '256Mi' }, { cpu: '500m', memory: '512Mi' }),
      })
      .prefault({}),
    prometheus: z
      .strictObject({
        enabled: z.boolean().default(false),
        image: imageReference.default(defaultImages.prometheus),
        retention: z.string().regex(/^\d+[smhdwy]$/, { error: 'must be a duration such as 15d or 12h' }).default('15d'),
        storage: persistentStorage('20Gi'),
        resources: resourcesWithDefault({ cpu: '250m', memory: '512Mi' }, { cpu: '1', memory: '2Gi' }),
      })
      .prefault({}),
    grafana: z
      .strictObject({
        enabled: z.boolean().default(false),
        image: imageReference.default(defaultImages.grafana),
        adminSecretRef: secretRef.optional(),
        resources: resourcesWithDefault({ cpu: '100m', memory: '256Mi' }, { cpu: '500m', memory: '512Mi' }),
      })
      .prefault({}),
  })
  .prefault({});
export type Observability = z.output<typeof observability>;

import { z } from 'zod';
import { dnsLabelPattern, dnsLabelRule, dnsLabelTooLong } from '../rules/dns-label.js';
import { ruledPattern } from '../rules/pattern-rules.js';

const dnsSubdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A DNS-1123 label (namespace, Service, step names), at most `max` characters. */
export function dnsLabel(max = 63) {
  return ruledPattern(dnsLabelPattern, dnsLabelRule.rule, dnsLabelRule.message, dnsLabelRule.hint).max(max, { error: dnsLabelTooLong(max) });
}

/** A DNS-1123 subdomain (names of Secrets, ConfigMaps, ServiceAccounts). */
export const dnsSubdomain = ruledPattern(
  dnsSubdomainPattern,
  'invalid-name',
  'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and "."',
  'use the Kubernetes object name exactly as it exists in the cluster',
).max(253);

const quantityPattern = /^[+]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** A Kubernetes resource quantity (`250m`, `1.5`, `512Mi`); numbers are kept as their text. */
export const quantity = z
  .union([
    ruledPattern(
      quantityPattern,
      'invalid-quantity',
      'is not a Kubernetes quantity',
      'use forms like 250m, 0.5, 1 (cpu) or 512Mi, 2Gi (memory, storage)',
    ),
    z.number().nonnegative(),
  ])
  .transform((value) => String(value));

// Registry host (with a dot, a port or "localhost"), path components, optional tag, optional digest.
const imagePattern =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::\d{1,5})?)\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** An OCI image reference: `[registry[:port]/]path[:tag][@sha256:digest]`. */
export const imageReference = ruledPattern(
  imagePattern,
  'invalid-image',
  'is not a valid image reference',
  'use [registry[:port]/]repository[:tag][@sha256:digest], repository in lowercase, e.g. ghcr.io/acme/app:1.2.3',
).max(512);

/** A reference to one key of a Kubernetes Secret. */
export const secretKeyRef = z.strictObject({
  name: dnsSubdomain,
  key: z.string().regex(/^[-._a-zA-Z0-9]+$/, { error: 'must be a Secret data key ([-._a-zA-Z0-9]+)' }),
});
export type SecretKeyRef = z.output<typeof secretKeyRef>;

/** A reference to a whole Secret whose expected keys the field documents. */
export const secretRef = z.strictObject({ name: dnsSubdomain });
export type SecretRef = z.output<typeof secretRef>;

const resourceList = z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() });

/** Container resource requests and limits. */
export const resources = z.strictObject({
  requests: resourceList.optional(),
  limits: resourceList.optional(),
});
export type Resources = z.output<typeof resources>;

/** Resources with a default applied when the user gives none. */
export function resourcesWithDefault(requests: { cpu: string; memory: string }, limits: { cpu: string; memory: string }) {
  return resources.prefault({ requests, limits });
}

/** A persistent volume request: size and optional StorageClass. */
export function persistentStorage(size: string) {
  return z
    .strictObject({
      size: quantity.default(size),
      storageClass: dnsSubdomain.optional(),
    })
    .prefault({});
}

/** Horizontal autoscaling of a stateless server; when set, the HPA owns `replicas`. */
export const autoscaling = z
  .strictObject({
    minReplicas: z.int().min(1).default(2),
    maxReplicas: z.int().min(1).max(100),
    targetCPUUtilizationPercentage: z.int().min(1).max(100).default(75),
    /**
     * How long the HPA waits, after load drops, before it removes pods: the
     * highest recommendation of this window wins (HPA
     * `behavior.scaleDown.stabilizationWindowSeconds`). Unset: Kubernetes'
     * default of 300 s, which keeps a flapping load from churning pods; lower
     * it for bursty loads where idle pods cost more than a restart.
     */
    scaleDownStabilizationSeconds: z.int().min(0).max(3600).optional(),
  })
  .refine((value) => value.maxReplicas >= value.minReplicas, {
    error: 'maxReplicas must be at least minReplicas',
    path: ['maxReplicas'],
  });
export type Autoscaling = z.output<typeof autoscaling>;

/** A stateless server: replicas or autoscaling, and resources. */
export function statelessServer(defaults: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } }) {
  return z
    .strictObject({
      replicas: z.int().min(1).max(100).default(1),
      autoscaling: autoscaling.optional(),
      resources: resourcesWithDefault(defaults.requests, defaults.limits),
    })
    .prefault({});
}
export type StatelessServer = z.output<ReturnType<typeof statelessServer>>;

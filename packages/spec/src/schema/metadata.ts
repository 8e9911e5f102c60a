import { z } from 'zod';
import { platformNameMaxLength } from '../rules/dns-label.js';
import { dnsLabel } from './kubernetes-types.js';

const labelKey = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Kubernetes labels added to every rendered object. */
export const labels = z
  .record(
    z.string().regex(labelKey, { error: 'is not a valid label key' }),
    z.string().regex(labelValue, { error: 'is not a valid label value (63 characters of [-A-Za-z0-9_.])' }),
  )
  .default({});

/** The `apiVersion` every floe document carries. */
export const floeApiVersion = z.literal('floe.dev/v1', { error: 'apiVersion must be floe.dev/v1' });

/** Platform names prefix every rendered object, so they leave room for suffixes. */
export const platformName = dnsLabel(platformNameMaxLength);

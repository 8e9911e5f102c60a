/**
 * DNS-1123 labels (namespace, Service, step and platform names), without
 * zod: shared by the schema (`dnsLabel` in schema/kubernetes-types.ts) and
 * by `readPlatformIdentity`, which checks a platform's name and namespace
 * without loading the schemas.
 */
export const dnsLabelPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export const dnsLabelRule = {
  rule: 'invalid-name',
  message: 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit',
  hint: 'rename it, e.g. "my-name-1"',
} as const;

/** The message when a label is longer than `max` characters. */
export const dnsLabelTooLong = (max: number) => `must be at most ${max} characters (names get suffixes when rendered)`;

/** Platform names prefix every rendered object, so they leave room for suffixes. */
export const platformNameMaxLength = 30;

/** The platform namespace when the spec names none. */
export const defaultPlatformNamespace = 'floe-platform';

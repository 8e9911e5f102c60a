import { shortHash } from './short-hash.js';

const validLabelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/**
 * `value` as a valid label value (at most 63 of [-A-Za-z0-9_.], alphanumeric
 * at both ends). A value that is not one already is cleaned and gets a hash
 * suffix of the original, so distinct inputs stay distinct.
 */
export function labelValue(value: string): string {
  if (validLabelValue.test(value)) return value;
  const hash = shortHash(value);
  const cleaned = value.replace(/[^-A-Za-z0-9_.]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, 63 - hash.length - 1).replace(/[^A-Za-z0-9]+$/, '');
  return cleaned.length > 0 ? `${cleaned}-${hash}` : hash;
}

import { labelValue } from './label-value.js';

/** The version label of an image reference: its tag, else the start of its digest, else "latest". */
export function imageVersion(image: string): string {
  const [reference = image, digest] = image.split('@');
  const lastSegment = reference.slice(reference.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  if (colon >= 0) return labelValue(lastSegment.slice(colon + 1));
  if (digest) return labelValue(digest.replace('sha256:', '').slice(0, 12));
  return 'latest';
}

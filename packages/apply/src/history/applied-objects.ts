import { gunzipSync, gzipSync } from 'node:zlib';
import type { KubeObject } from '@floe/kube';
import type { GeneratedCredential, RenderedPlatform } from '@floe/manifests';

/**
 * What a deploy rendered and applied, kept with its revision: the objects as
 * rendered (before the ApplySet labels and blue-green colours) and the
 * generated credentials' plan (Secret names and keys, never values). Status
 * reads a revision's drift against these instead of rendering its spec
 * again, and a deploy whose inputs and renderer equal the revision's uses
 * them instead of rendering.
 */
export type AppliedObjects = Pick<RenderedPlatform, 'objects' | 'generatedCredentials'>;

/** The key of a revision record's `binaryData` that holds them, gzipped JSON. */
export const appliedObjectsKey = 'applied.json.gz';

/**
 * Base64 of the gzipped JSON, for a ConfigMap's `binaryData`; undefined when
 * an object is a Secret (renders have none; a revision record must never
 * hold one), so such a revision is rendered again when read.
 */
export function encodeAppliedObjects(applied: AppliedObjects): string | undefined {
  if (applied.objects.some((object) => object.kind === 'Secret')) return undefined;
  const json = JSON.stringify({ objects: applied.objects, generatedCredentials: applied.generatedCredentials });
  return gzipSync(json).toString('base64');
}

/** The applied objects of a revision record; undefined when the record has none or they cannot be read (then render). */
export function decodeAppliedObjects(encoded: string | undefined): AppliedObjects | undefined {
  if (!encoded) return undefined;
  try {
    const decoded = JSON.parse(gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8')) as { objects?: unknown; generatedCredentials?: unknown };
    if (!Array.isArray(decoded.objects) || !Array.isArray(decoded.generatedCredentials)) return undefined;
    return { objects: decoded.objects as KubeObject[], generatedCredentials: decoded.generatedCredentials as GeneratedCredential[] };
  } catch {
    return undefined;
  }
}

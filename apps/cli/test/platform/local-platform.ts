import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parsePlatformSpec, type Platform } from '@floe/spec';

/** examples/local/platform.yaml: the platform the suite deploys on the real node. */
export const localPlatformFile = fileURLToPath(new URL('../../../../examples/local/platform.yaml', import.meta.url));

/** examples/local/orders.yaml: the pipeline deployed into its code location. */
export const localOrdersFile = fileURLToPath(new URL('../../../../examples/local/orders.yaml', import.meta.url));

/** The local platform, validated with defaults. */
export function localPlatform(): Platform {
  return parsePlatformSpec(readFileSync(localPlatformFile, 'utf8'), { file: localPlatformFile });
}

// The identity of an application's build: a SHA-256 over its bundled JavaScript, written next to it as
// dist/build-id.txt once tsup has written the bundle. Two builds with the same id run the same code, so what
// one rendered the other would render too (`floe platform deploy` reuses a revision's objects on it).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const buildIdFile = 'build-id.txt';

/** Writes `<outDir>/build-id.txt` from the `.js` files of `outDir`, in name order. */
export function writeBuildIdentity(outDir = 'dist') {
  const hash = createHash('sha256');
  for (const name of readdirSync(outDir).filter((file) => file.endsWith('.js')).sort()) {
    hash.update(`${name}\0`).update(readFileSync(join(outDir, name))).update('\0');
  }
  writeFileSync(join(outDir, buildIdFile), `${hash.digest('hex')}\n`);
}

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** This package's folder (for the shipped `scripts/`, `stages/` and `go/`), from source or from dist alike. */
export const packageRoot = dirname(createRequire(import.meta.url).resolve('@floe/local-cluster/package.json'));

export const buildScript = join(packageRoot, 'scripts', 'build-binaries.sh');
export const stagesDir = join(packageRoot, 'stages');

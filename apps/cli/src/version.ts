import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const manifest = require('../package.json') as { version: string; engines: { node: string } };

/** The CLI's own version, from its package.json. */
export const version: string = manifest.version;

/** The Node.js versions the CLI supports (package.json `engines.node`). */
export const nodeRange: string = manifest.engines.node;

import { runFloe } from './program.js';

process.exitCode = await runFloe(process.argv.slice(2));

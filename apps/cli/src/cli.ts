import { exitCodes } from './exit-codes.js';
import { unsupportedNodeMessage } from './required-node.js';
import { nodeRange } from './version.js';

// A reader that stops early (`floe ... | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const unsupported = unsupportedNodeMessage(process.version, nodeRange);
if (unsupported) {
  process.stderr.write(`error: ${unsupported}\n`);
  process.exitCode = exitCodes.invalidInput;
} else {
  // Loaded only after the check: the commands' dependencies do not load on an older Node.js.
  const { runFloe } = await import('./program.js');
  process.exitCode = await runFloe(process.argv.slice(2));
}

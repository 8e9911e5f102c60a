import module from 'node:module';
import { exitCodes } from './exit-codes.js';
import { unsupportedNodeMessage } from './required-node.js';
import { nodeRange, version } from './version.js';

// V8's compile cache (Node.js >= 22.1, off with NODE_DISABLE_COMPILE_CACHE=1): later runs load the
// command chunks without parsing and compiling them again, which is most of a fresh process's start-up.
module.enableCompileCache?.();

// A reader that stops early (`floe ... | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
const unsupported = unsupportedNodeMessage(process.version, nodeRange);
if (unsupported) {
  process.stderr.write(`error: ${unsupported}\n`);
  process.exitCode = exitCodes.invalidInput;
} else if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  // Answered before the command parser loads; prints what the parser's --version prints.
  process.stdout.write(`${version}\n`);
} else {
  // Loaded only after the check: the commands' dependencies do not load on an older Node.js.
  const { runFloe } = await import('./program.js');
  process.exitCode = await runFloe(argv);
}

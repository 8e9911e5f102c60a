import { Command, CommanderError } from 'commander';
import { isRetryableCategory } from '@floe/errors';
import { registerDev } from './commands/dev.js';
import { registerJob } from './commands/job.js';
import { registerPipeline } from './commands/pipeline.js';
import { registerPlatform } from './commands/platform.js';
import { registerRender } from './commands/render.js';
import { registerSchema } from './commands/schema.js';
import { registerValidate } from './commands/validate.js';
import { asUserError } from './errors/file-access-error.js';
import { exitCodeOfError } from './error-exit-code.js';
import { exitCodes } from './exit-codes.js';
import { processOutput, type Output } from './output.js';
import { version } from './version.js';

/**
 * Runs `floe` with `argv` (without node and script) and resolves to the exit
 * status (see exit-codes.ts). Never throws: user errors print one message
 * and exit with their category's status; only bugs print a stack trace and
 * exit 70.
 */
export async function runFloe(argv: readonly string[], output: Output = processOutput): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('floe')
    .description('Deploy a data platform onto Kubernetes and run its pipelines there.')
    .version(version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => output.out(text), writeErr: (text) => output.err(text) });
  registerValidate(program, output, setExit);
  registerSchema(program, output);
  registerRender(program, output, setExit);
  registerDev(program, output, setExit);
  registerJob(program, output, setExit);
  registerPipeline(program, output, setExit);
  registerPlatform(program, output, setExit);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    const failure = asUserError(error);
    if (failure) {
      output.err(`error[${failure.code}]: ${failure.message}${isRetryableCategory(failure.category) ? '\n(temporary: the same command may succeed when run again)' : ''}`);
      return exitCodeOfError(failure);
    }
    output.err(`floe: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.`);
    return exitCodes.internal;
  }
}

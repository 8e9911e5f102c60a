import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import type { TerminationSignals } from './termination-signals.js';

export interface ChildExit {
  /** The child's exit code, or undefined when a signal ended it. */
  readonly exitCode: number | undefined;
  readonly signal: NodeJS.Signals | undefined;
}

export interface RunChildOptions {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Written to the child's stdin, then closed. */
  readonly input?: string;
  readonly signals: TerminationSignals;
  readonly onLine: (stream: 'stdout' | 'stderr', line: string) => void;
}

/**
 * Runs a tool as a child in its own process group (`detached`), so a cancel
 * reaches everything it started and nothing it started outlives the step.
 * Resolves once the child has exited and both output streams are drained.
 */
export async function runChild(options: RunChildOptions): Promise<ChildExit> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const drained = Promise.all(
    (['stdout', 'stderr'] as const).map(
      (stream) =>
        new Promise<void>((resolve) => {
          const lines = createInterface({ input: child[stream], crlfDelay: Infinity });
          lines.on('line', (line) => options.onLine(stream, line));
          lines.once('close', resolve);
        }),
    ),
  );
  const exited = new Promise<ChildExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ exitCode: code ?? undefined, signal: signal ?? undefined }));
  });

  await spawned;
  child.on('error', () => undefined);
  if (child.pid !== undefined) options.signals.attach(child.pid);
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.input ?? '');
  const exit = await exited;
  options.signals.detach();
  await drained;
  return exit;
}

/** The child's exit code, or 128 + the signal number when a signal ended it (as a shell reports it). */
export function childExitCode(exit: ChildExit): number {
  if (exit.exitCode !== undefined) return exit.exitCode;
  return 128 + (exit.signal ? constants.signals[exit.signal] : 0);
}

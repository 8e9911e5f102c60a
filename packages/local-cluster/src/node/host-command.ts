import { execFileSync } from 'node:child_process';
import { LocalClusterError } from '../local-cluster-error.js';

/** Runs a host command (ip, iptables, mount, ...) and returns its stdout; a failure is a LocalClusterError naming the command and its stderr. */
export function hostCommand(command: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: options.input ?? '', env: { ...process.env, ...options.env }, timeout: 60_000 });
  } catch (error) {
    const stderr = ((error as { stderr?: string }).stderr ?? '').trim();
    throw new LocalClusterError('HOST_COMMAND_FAILED', `${command} ${args.join(' ')} failed: ${stderr || String(error)}`, { cause: error });
  }
}

/** Like hostCommand, but a failure is ignored (cleanup of something that may already be gone). Returns stdout or undefined. */
export function tryHostCommand(command: string, args: readonly string[], options: { input?: string } = {}): string | undefined {
  try {
    return hostCommand(command, args, options);
  } catch {
    return undefined;
  }
}

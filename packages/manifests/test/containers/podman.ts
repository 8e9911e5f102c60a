import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs podman with `args` (and `input` on stdin); its stdout, or an error with its stderr. */
export function podman(args: readonly string[], input = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('podman', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`podman ${args.slice(0, 2).join(' ')} exited ${code}: ${stderr.trim()}`))));
    child.stdin.end(input);
  });
}

/** Retries `attempt` every `intervalMs` until it resolves or `timeoutMs` passes; then throws with `describeFailure()`'s text. */
export async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number, describeFailure: () => Promise<string>, intervalMs = 1000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s: ${await describeFailure()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}

/** A container's log (stdout and stderr; the last `lines` when given), for checks and failure messages. */
export async function containerLog(name: string, lines?: number): Promise<string> {
  const { stdout, stderr } = await run('podman', ['logs', ...(lines ? ['--tail', String(lines)] : []), name], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }).catch(() => ({ stdout: '', stderr: '(no logs)' }));
  return `${stdout}${stderr}`;
}

/** The last 40 lines of a container's log, for failure messages. */
export const logTail = (name: string): Promise<string> => containerLog(name, 40);

/** Removes containers by name, ignoring those already gone. */
export async function removeContainers(names: readonly string[]): Promise<void> {
  for (const name of names) await run('podman', ['rm', '-f', '-t', '5', name]).catch(() => undefined);
}

/**
 * One network namespace for several containers, as a pod gives them (podman's
 * own pods need catatonit for their infra container; this needs nothing): the
 * first container owns it (no outside network), the others join it, and all
 * share one /etc/hosts, so that rendered Service names can resolve to the
 * shared loopback.
 */
export function sharedNetwork(owner: string, hostsFile: string): { owner: string[]; member: string[] } {
  return {
    owner: ['--network', 'none', '-v', `${hostsFile}:/etc/hosts:ro`],
    member: ['--network', `container:${owner}`, '-v', `${hostsFile}:/etc/hosts:ro`],
  };
}

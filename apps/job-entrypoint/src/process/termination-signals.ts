import { constants } from 'node:os';

export type CancelSignal = 'SIGTERM' | 'SIGINT';

/** The exit status of a process ended by `signal`: 128 + its number (143 for SIGTERM, 130 for SIGINT). */
export function exitCodeForSignal(signal: CancelSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * Turns SIGTERM/SIGINT into a cooperative cancel of the running child:
 * SIGINT to the child's process group (dbt cancels its warehouse queries only
 * on SIGINT), then SIGKILL to the group when it is still alive after
 * `graceMs`. Installing handlers also matters when floe-job is PID 1: the
 * kernel drops signals PID 1 has no handler for, so without them
 * `kubectl delete pod` would wait for the whole grace period.
 */
export class TerminationSignals {
  #received: CancelSignal | undefined;
  #childGroup: number | undefined;
  #killTimer: NodeJS.Timeout | undefined;
  readonly #graceMs: number;
  readonly #onSignal: (signal: CancelSignal) => void;
  readonly #handlers = new Map<CancelSignal, () => void>();

  constructor(graceMs: number, onSignal: (signal: CancelSignal) => void) {
    this.#graceMs = graceMs;
    this.#onSignal = onSignal;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const handler = () => this.#receive(signal);
      this.#handlers.set(signal, handler);
      process.on(signal, handler);
    }
  }

  /** The first cancel signal floe-job received, if any. */
  get received(): CancelSignal | undefined {
    return this.#received;
  }

  /** Track the child whose process group (`pid`, spawned detached) receives the forwarded signals. */
  attach(pid: number): void {
    this.#childGroup = pid;
    if (this.#received) this.#cancelChild();
  }

  /** The child has exited: kill whatever it left in its group and stop tracking it. */
  detach(): void {
    if (this.#childGroup !== undefined) signalGroup(this.#childGroup, 'SIGKILL');
    this.#childGroup = undefined;
    clearTimeout(this.#killTimer);
  }

  /** Remove the signal handlers (at exit). */
  dispose(): void {
    clearTimeout(this.#killTimer);
    for (const [signal, handler] of this.#handlers) process.off(signal, handler);
  }

  #receive(signal: CancelSignal): void {
    if (this.#received) return;
    this.#received = signal;
    this.#onSignal(signal);
    if (this.#childGroup !== undefined) this.#cancelChild();
  }

  #cancelChild(): void {
    const group = this.#childGroup;
    if (group === undefined) return;
    signalGroup(group, 'SIGINT');
    this.#killTimer = setTimeout(() => signalGroup(group, 'SIGKILL'), this.#graceMs);
  }
}

function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-group, signal);
  } catch {
    // ESRCH: the group is already gone
  }
}

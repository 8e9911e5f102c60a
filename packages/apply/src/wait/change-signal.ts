/**
 * Wakes a waiting loop as soon as a watch reports a change, or after at most
 * a second (so deadlines are checked), whichever comes first.
 */
export class ChangeSignal {
  private wake: (() => void) | undefined;

  /** Call from watch listeners. */
  readonly notify = (): void => {
    this.wake?.();
  };

  /** Resolves on the next change, after one second, or at `deadline`. */
  async next(deadline: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(1000, Math.max(0, deadline - Date.now())));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}

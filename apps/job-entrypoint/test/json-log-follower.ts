import type { Readable } from 'node:stream';

/** One of floe-job's JSON log lines. */
export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly step: string;
  readonly runId: string;
  readonly [field: string]: unknown;
}

/**
 * Reads floe-job's JSON log lines from a process's stdout as they come,
 * keeps them, and lets a test wait for the first line matching a predicate
 * (rejected when the process ends without one).
 */
export class JsonLogFollower {
  readonly lines: LogLine[] = [];
  private readonly waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void; reject: (error: Error) => void }[] = [];
  private partial = '';
  private ended: Error | undefined;

  constructor(stdout: Readable, private readonly onText: (text: string) => void = () => undefined) {
    stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.onText(text);
      this.partial += text;
      const complete = this.partial.split('\n');
      this.partial = complete.pop()!;
      // Other output (an engine's own messages) is not floe-job's log and is skipped.
      for (const line of complete.filter((candidate) => candidate.startsWith('{'))) this.add(JSON.parse(line) as LogLine);
    });
  }

  /** Resolves with the first line matching `predicate`. */
  waitForLine(predicate: (line: LogLine) => boolean): Promise<LogLine> {
    const seen = this.lines.find(predicate);
    if (seen) return Promise.resolve(seen);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => this.waiters.push({ predicate, resolve, reject }));
  }

  /** The process ended: every pending wait fails with `reason`. */
  end(reason: string): void {
    this.ended = new Error(`${reason} before the awaited log line: ${this.lines.slice(-5).map((line) => line.message).join(' | ')}`);
    for (const waiter of this.waiters.splice(0)) waiter.reject(this.ended);
  }

  private add(line: LogLine): void {
    this.lines.push(line);
    for (const waiter of this.waiters.filter((candidate) => candidate.predicate(line))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from '../client/kube-client.js';

/** One line of container output with the kubelet's RFC 3339 timestamp. */
export interface LogLine {
  readonly timestamp: string;
  readonly text: string;
}

export interface FollowLogsOptions {
  readonly namespace: string;
  readonly pod: string;
  readonly container?: string;
  /** Keep the stream open while the container runs (default true). */
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  /** Reconnects before giving up (default 20). */
  readonly maxReconnects?: number;
  readonly onLine: (line: LogLine) => void;
  /** Told about errors the follower recovered from, or gave up on; never thrown. */
  readonly onError?: (error: unknown) => void;
  /** Whether the container has finished (then a dropped stream is not resumed after a last catch-up). */
  readonly isFinished?: () => Promise<boolean>;
}

/** What a follow ended with. Log streaming is best effort: it never decides a run's result. */
export interface FollowLogsResult {
  readonly lines: number;
  readonly reconnects: number;
  readonly complete: boolean;
}

function splitTimestamp(raw: string): LogLine {
  const space = raw.indexOf(' ');
  return space > 0 ? { timestamp: raw.slice(0, space), text: raw.slice(space + 1) } : { timestamp: '', text: raw };
}

/**
 * Streams a container's logs with timestamps and, when the stream drops,
 * reconnects with `sinceTime` = the last timestamp seen, skipping the lines
 * already delivered (same timestamp, counted) — no gaps, no duplicates.
 * Errors are reported to `onError` and never thrown.
 */
export async function followLogs(client: KubeClient, options: FollowLogsOptions): Promise<FollowLogsResult> {
  const path = `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/pods/${encodeURIComponent(options.pod)}/log`;
  let lastTimestamp = '';
  let seenAtLast = 0;
  let lines = 0;
  let reconnects = 0;
  const maxReconnects = options.maxReconnects ?? 20;
  for (;;) {
    let skip = seenAtLast;
    try {
      const stream = await client.stream({
        path,
        query: { container: options.container, follow: options.follow ?? true, timestamps: true, sinceTime: lastTimestamp || undefined },
        ...(options.signal ? { signal: options.signal } : {}),
        retry: true,
      });
      let buffer = '';
      const deliver = (raw: string) => {
        if (!raw) return;
        const line = splitTimestamp(raw);
        if (line.timestamp && line.timestamp === lastTimestamp && skip > 0) {
          skip--;
          return;
        }
        if (line.timestamp && lastTimestamp && line.timestamp < lastTimestamp) return;
        if (line.timestamp !== lastTimestamp) {
          lastTimestamp = line.timestamp;
          seenAtLast = 0;
          skip = 0;
        }
        seenAtLast++;
        lines++;
        options.onLine(line);
      };
      for await (const chunk of stream) {
        buffer += (chunk as Buffer).toString('utf8');
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          deliver(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
          newline = buffer.indexOf('\n');
        }
      }
      deliver(buffer);
      if (!(options.follow ?? true)) return { lines, reconnects, complete: true };
      // A follow stream ends when the container stops, or when the connection was cut.
      if (!options.isFinished || (await options.isFinished())) return { lines, reconnects, complete: true };
    } catch (error) {
      if (options.signal?.aborted) return { lines, reconnects, complete: false };
      options.onError?.(error);
    }
    if (options.signal?.aborted) return { lines, reconnects, complete: false };
    if (++reconnects > maxReconnects) {
      options.onError?.(new Error(`gave up following logs of ${options.namespace}/${options.pod} after ${maxReconnects} reconnects`));
      return { lines, reconnects, complete: false };
    }
    await sleep(Math.min(5000, 200 * reconnects), undefined, options.signal ? { signal: options.signal } : undefined).catch(() => undefined);
  }
}

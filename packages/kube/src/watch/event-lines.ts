import type { Readable } from 'node:stream';

/** Splits a watch stream into its newline-delimited JSON events. */
export async function* eventLines(stream: Readable): AsyncGenerator {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += (chunk as Buffer).toString('utf8');
    let newline = buffer.indexOf('\n');
    while (newline >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) yield JSON.parse(line) as unknown;
      newline = buffer.indexOf('\n');
    }
  }
  const rest = buffer.trim();
  if (!rest) return;
  // A last event without its newline is complete if it parses; otherwise the stream was cut in the middle of it (an
  // HTTP/2 connection lost mid-answer ends the stream as if complete): the watch resumes from the event before.
  let last: unknown;
  try {
    last = JSON.parse(rest);
  } catch {
    return;
  }
  yield last;
}

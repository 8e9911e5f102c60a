import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventLines } from './event-lines.js';
import { isNewerResourceVersion } from './resource-version.js';

describe('eventLines', () => {
  it('splits events across chunk boundaries', async () => {
    const stream = Readable.from([Buffer.from('{"type":"ADDED","n":1}\n{"type":"MOD'), Buffer.from('IFIED","n":2}\n\n{"type":"DELETED","n":3}')]);
    const events: unknown[] = [];
    for await (const event of eventLines(stream)) events.push(event);
    expect(events).toEqual([{ type: 'ADDED', n: 1 }, { type: 'MODIFIED', n: 2 }, { type: 'DELETED', n: 3 }]);
  });

  it('drops an event cut off at the end of the stream (the watch resumes before it), not the events before it', async () => {
    const stream = Readable.from([Buffer.from('{"type":"ADDED","n":1}\n{"type":"MODIFIED","object":{"metadata":')]);
    const events: unknown[] = [];
    for await (const event of eventLines(stream)) events.push(event);
    expect(events).toEqual([{ type: 'ADDED', n: 1 }]);
  });
});

describe('isNewerResourceVersion', () => {
  it('compares integer versions numerically and assumes newer when opaque', () => {
    expect(isNewerResourceVersion('10', '9')).toBe(true);
    expect(isNewerResourceVersion('9', '10')).toBe(false);
    expect(isNewerResourceVersion('10', '10')).toBe(false);
    expect(isNewerResourceVersion('abc', '10')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { assertRunId, InvalidRunIdError, newRunId } from './run-id.js';

describe('run ids', () => {
  it('generates label-safe, sortable ids and rejects unusable ones', () => {
    const id = newRunId(new Date('2026-01-02T03:04:05.678Z'));
    expect(id).toMatch(/^r20260102t030405-[0-9a-f]{4}$/);
    expect(assertRunId(id)).toBe(id);
    expect(() => assertRunId('Run_1')).toThrow(InvalidRunIdError);
    expect(() => assertRunId('x'.repeat(41))).toThrow(InvalidRunIdError);
  });
});

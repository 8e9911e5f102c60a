import { describe, expect, it } from 'vitest';
import { formatMemory, memoryBytes } from './memory-bytes.js';

describe('memory quantities', () => {
  it('reads binary, decimal and exponent forms as bytes, and rejects other text', () => {
    expect(memoryBytes('2Gi')).toBe(2 * 2 ** 30);
    expect(memoryBytes('512Mi')).toBe(512 * 2 ** 20);
    expect(memoryBytes('1.5G')).toBe(1.5e9);
    expect(memoryBytes('1e3')).toBe(1000);
    expect(memoryBytes('129')).toBe(129);
    expect(memoryBytes('2 GB')).toBeUndefined();
    expect(memoryBytes('lots')).toBeUndefined();
  });

  it('writes bytes in the largest binary unit that divides them exactly', () => {
    expect(formatMemory(4 * 2 ** 30)).toBe('4Gi');
    expect(formatMemory(1536 * 2 ** 20)).toBe('1536Mi');
    expect(formatMemory(3e9)).toBe('3000000000');
    expect(formatMemory(3 * 1024)).toBe('3Ki');
    expect(formatMemory(1001)).toBe('1001');
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SpecValidationError, parseSpecDocuments } from '../index.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const seeds = ['platform.yaml', 'pipelines/orders.yaml', 'pipelines/nightly-marts.yaml'].map((name) =>
  readFileSync(`${examples}${name}`, 'utf8'),
);

/** The loader may only return documents or throw SpecValidationError. */
function loadsOrRejectsCleanly(text: string): boolean {
  try {
    parseSpecDocuments(text, { file: 'fuzz.yaml' });
    return true;
  } catch (error) {
    if (error instanceof SpecValidationError) return error.issues.length > 0 && error.issues.every((issue) => issue.line >= 1 && issue.column >= 1);
    throw error;
  }
}

const mutation = fc.record({
  seed: fc.integer({ min: 0, max: seeds.length - 1 }),
  at: fc.nat(),
  length: fc.integer({ min: 0, max: 40 }),
  insert: fc.oneof(fc.string(), fc.constantFrom(': ', '\n  - ', '{', '[', '*a', '&a ', '---\n', '\t', '"', '<<: *x', '!!binary ', 'null', '~', '1e999')),
});

// Generous timeouts: the property runs are CPU-bound and CI machines are often busy.
describe('the loader under random input', { timeout: 60_000 }, () => {
  it('never throws anything but SpecValidationError on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), loadsOrRejectsCleanly), { numRuns: 500 });
  });

  it('never throws anything but SpecValidationError on mutated examples', () => {
    fc.assert(
      fc.property(mutation, ({ seed, at, length, insert }) => {
        const text = seeds[seed]!;
        const start = at % (text.length + 1);
        return loadsOrRejectsCleanly(text.slice(0, start) + insert + text.slice(start + length));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but SpecValidationError on random structured documents', () => {
    const anyDocument = fc.record({
      apiVersion: fc.oneof(fc.constant('floe.dev/v1'), fc.string()),
      kind: fc.constantFrom('Platform', 'Pipeline', 'Other'),
      metadata: fc.anything(),
      spec: fc.anything(),
    });
    fc.assert(fc.property(anyDocument, (document) => loadsOrRejectsCleanly(stringify(document))), { numRuns: 300 });
  });

  it('rejects an alias bomb quickly instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 10; level++) bomb.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(', ')}]`);
    expect(loadsOrRejectsCleanly(bomb.join('\n'))).toBe(true);
  });
});

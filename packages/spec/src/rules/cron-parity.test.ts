import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findCronProblem } from './cron.js';

interface CorpusEntry {
  readonly expression: string;
  /** Dagster's own verdict (checked against the pinned Dagster by orchestrator/dagster-floe/tests/test_cron_parity.py). */
  readonly dagster: boolean;
  /** Why floe refuses an expression Dagster accepts. */
  readonly floeRefuses?: string;
}

const corpus = (JSON.parse(readFileSync(new URL('cron-dagster-corpus.json', import.meta.url), 'utf8')) as { expressions: CorpusEntry[] }).expressions;

describe('cron parity with the orchestrator (Dagster) over a corpus', () => {
  it('accepts exactly what Dagster accepts, but for the few it refuses on purpose', () => {
    const disagreements = corpus.filter((entry) => (findCronProblem(entry.expression) === undefined) !== (entry.dagster && entry.floeRefuses === undefined));
    expect(disagreements).toEqual([]);
  });

  it('never accepts what Dagster refuses (a code location would fail to load)', () => {
    expect(corpus.filter((entry) => !entry.dagster && findCronProblem(entry.expression) === undefined)).toEqual([]);
    expect(corpus.filter((entry) => !entry.dagster && entry.floeRefuses !== undefined)).toEqual([]);
  });

  it('covers both sides and the extensions the issue names: L, n#k, ?, and February 31', () => {
    const verdict = (expression: string) => corpus.find((entry) => entry.expression === expression);
    for (const expression of ['0 0 L * *', '0 0 * * 1#2', '0 0 ? * *']) expect(verdict(expression)).toMatchObject({ dagster: true });
    expect(verdict('0 0 31 2 *')).toMatchObject({ dagster: false });
    expect(corpus.filter((entry) => entry.dagster).length).toBeGreaterThan(50);
    expect(corpus.filter((entry) => !entry.dagster).length).toBeGreaterThan(50);
  });
});

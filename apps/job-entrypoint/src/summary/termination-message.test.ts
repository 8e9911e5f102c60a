import { describe, expect, it } from 'vitest';
import { renderTerminationMessage, terminationMessageLimitBytes } from './termination-message.js';
import type { StepSummary } from './step-summary.js';

const keep = (text: string) => text;

describe('renderTerminationMessage', () => {
  it('renders a small summary unchanged, as compact JSON', () => {
    const summary: StepSummary = { outcome: 'failed', exitCode: 1, failureClass: 'application', durationMs: 12, failed: ['a'] };
    expect(JSON.parse(renderTerminationMessage(summary, keep))).toEqual(summary);
  });

  it('cuts built before failed to stay within 4 KB and says how many entries it dropped', () => {
    const names = (prefix: string) => Array.from({ length: 200 }, (_, i) => `model.project.${prefix}_${i}`);
    const summary: StepSummary = { outcome: 'failed', exitCode: 1, durationMs: 1, built: names('built'), failed: names('failed').slice(0, 5) };
    const json = renderTerminationMessage(summary, keep);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(terminationMessageLimitBytes);
    const parsed = JSON.parse(json) as StepSummary;
    expect(parsed.failed).toHaveLength(5);
    expect(parsed.built!.length + parsed.omitted!.built!).toBe(200);
  });

  it('fits even when every list and the message are huge', () => {
    const many = Array.from({ length: 1000 }, (_, i) => `test.project.check_${i}`);
    const summary: StepSummary = { outcome: 'failed', exitCode: 1, durationMs: 1, failed: many, warned: many, message: 'x'.repeat(10_000) };
    expect(Buffer.byteLength(renderTerminationMessage(summary, keep))).toBeLessThanOrEqual(terminationMessageLimitBytes);
  });

  it('redacts secret values', () => {
    const summary: StepSummary = { outcome: 'failed', exitCode: 2, durationMs: 1, message: 'auth failed for hunter22' };
    expect(renderTerminationMessage(summary, (text) => text.replaceAll('hunter22', '[REDACTED]'))).not.toContain('hunter22');
  });
});

import type { StepSummary } from './step-summary.js';
import type { Redact } from '@floe/manifests';

/** Kubernetes keeps at most 4096 bytes of a termination message. */
export const terminationMessageLimitBytes = 4096;

const listFields = ['built', 'warned', 'failed'] as const;
const maxMessageChars = 1000;

/**
 * Serialises `summary` as compact JSON of at most `limitBytes`, redacted.
 * To fit, it drops entries from the end of `built`, then `warned`, then
 * `failed` (the most useful list is cut last), recording in `omitted` how
 * many each lost, and finally shortens `message`.
 */
export function renderTerminationMessage(
  summary: StepSummary,
  redact: Redact,
  limitBytes: number = terminationMessageLimitBytes,
): string {
  const message = summary.message && summary.message.length > maxMessageChars
    ? `${summary.message.slice(0, maxMessageChars)}…`
    : summary.message;
  const lists: Record<string, string[]> = {};
  for (const field of listFields) if (summary[field]) lists[field] = [...summary[field]];
  const omitted: Record<string, number> = { ...summary.omitted };
  const render = (text: string | undefined) =>
    redact(
      JSON.stringify({
        ...summary,
        ...(text !== undefined ? { message: text } : {}),
        ...lists,
        ...(Object.keys(omitted).length > 0 ? { omitted } : {}),
      }),
    );
  const fits = (json: string) => Buffer.byteLength(json) <= limitBytes;

  let json = render(message);
  for (const field of listFields) {
    const list = lists[field];
    while (list && list.length > 0 && !fits(json)) {
      list.pop();
      omitted[field] = (omitted[field] ?? 0) + 1;
      json = render(message);
    }
  }
  let text = message;
  while (!fits(json) && text && text.length > 0) {
    text = text.slice(0, Math.floor(text.length / 2));
    json = render(text);
  }
  return json;
}

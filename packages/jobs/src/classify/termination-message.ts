/**
 * The entrypoint's JSON summary from a termination message, or undefined
 * when the message is plain text (e.g. the log tail written under
 * FallbackToLogsOnError).
 */
export function parseTerminationMessage(message: string | undefined): Readonly<Record<string, unknown>> | undefined {
  const text = message?.trim();
  if (!text?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The human message of a summary: its `message` or `error` field, else the raw text. */
export function summaryMessage(summary: Readonly<Record<string, unknown>> | undefined, raw: string | undefined): string | undefined {
  for (const key of ['message', 'error']) {
    const value = summary?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return raw?.trim() || undefined;
}

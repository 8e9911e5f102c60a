/**
 * Credential redaction shared by both sides of the pipeline pod: floe-job
 * redacts its own output, and the job runner redacts what it copies out of
 * the pod (log lines, messages) into attempt reports, the same way.
 */
/** Replaces every occurrence of a secret value in a text. */
export type Redact = (text: string) => string;

/** What a redacted value becomes. */
export const redactedMarker = '[REDACTED]';

/**
 * Values shorter than this are not redacted: replacing every "a" or "12" in
 * every log line would destroy the logs and hide nothing worth hiding.
 */
const minimumSecretLength = 4;

/**
 * A redactor for `secretValues` (the values of the credential env vars).
 * Each value is also matched in its JSON-escaped form, because child output
 * (dbt's JSON logs) carries strings escaped. Longer values are replaced
 * first so a secret containing another is never half-redacted.
 */
export function createSecretRedactor(secretValues: readonly string[]): Redact {
  const forms = new Set<string>();
  for (const value of secretValues) {
    if (value.length < minimumSecretLength) continue;
    forms.add(value);
    forms.add(JSON.stringify(value).slice(1, -1));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let result = text;
    for (const form of ordered) result = result.split(form).join(redactedMarker);
    return result;
  };
}

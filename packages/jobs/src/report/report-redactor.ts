import { createSecretRedactor, redactedMarker, type Redact } from '@floe/manifests';

/** What an attempt report must not show: credential values (when readable) and the env names that carry them. */
export interface CredentialsToRedact {
  /** Values read from the Secrets the step container references. */
  readonly values: readonly string[];
  /** Env var names backed by Secrets: `NAME=value` and `"NAME": "value"` lose their value even when the value is unknown. */
  readonly envNames: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Redacts what the runner copies out of a pod into a report the way floe-job
 * redacts its own output (`createSecretRedactor`: every value, also
 * JSON-escaped), plus any value written right after a credential's env
 * name, which covers a runner that may not read Secrets.
 */
export function reportRedactor(credentials: CredentialsToRedact): Redact {
  const byValue = createSecretRedactor(credentials.values);
  if (credentials.envNames.length === 0) return byValue;
  const names = credentials.envNames.map(escapeRegExp).join('|');
  const assignment = new RegExp(`((?:${names})"?\\s*[=:]\\s*"?)([^\\s",}]+)`, 'g');
  return (text) => byValue(text).replace(assignment, (_match, prefix: string, value: string) => (value === redactedMarker ? `${prefix}${value}` : `${prefix}${redactedMarker}`));
}

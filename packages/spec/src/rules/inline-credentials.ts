import type { FieldPath } from '../issues/field-path.js';

/** A place in a raw document where a credential is written as plain text. */
export interface InlineCredential {
  readonly path: FieldPath;
  readonly what: string;
}

// Field names that hold a credential when their value is text. `...SecretRef` fields hold references and pass.
const sensitiveKey = /(password|passwd|secret|token|apikey|api_key|accesskey|access_key|secretkey|secret_key|privatekey|private_key|credentials?)$/i;
const sensitiveEnvName = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?)/i;
const urlWithPassword = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;
const privateKeyBlock = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const awsAccessKeyId = /\b(AKIA|ASIA)[0-9A-Z]{16}\b/;

function describeValue(value: string): string | undefined {
  if (urlWithPassword.test(value)) return 'a URL with a password in it';
  if (privateKeyBlock.test(value)) return 'a private key';
  if (awsAccessKeyId.test(value)) return 'an AWS access key id';
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Finds credentials written inline anywhere in a raw document: fields named
 * like passwords, keys or tokens holding text, env entries with such names
 * and a plain `value`, URLs carrying a password, private keys, AWS key ids.
 * Only Secret references are allowed. The values themselves are never
 * returned, so no report can leak them.
 */
export function findInlineCredentials(document: unknown): InlineCredential[] {
  const found: InlineCredential[] = [];
  const stack: { value: unknown; path: FieldPath }[] = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const what = describeValue(value);
      if (what) found.push({ path, what });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    if (!isRecord(value)) continue;
    const envName = value['name'];
    if (typeof envName === 'string' && 'value' in value && sensitiveEnvName.test(envName)) {
      found.push({ path: [...path, 'value'], what: `the value of ${envName}` });
    }
    for (const [key, child] of Object.entries(value)) {
      if (sensitiveKey.test(key) && (typeof child === 'string' || typeof child === 'number')) {
        found.push({ path: [...path, key], what: `a credential in "${key}"` });
        continue;
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return found;
}

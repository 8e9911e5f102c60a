/** One `WWW-Authenticate` challenge: its scheme (lowercased) and parameters. */
export interface AuthChallenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * The challenge of a 401's `WWW-Authenticate` header (RFC 7235, as the
 * distribution spec's registries send it: `Bearer realm="…",service="…",scope="…"`
 * or `Basic realm="…"`). Only the first challenge is read.
 */
export function parseAuthChallenge(header: string | null): AuthChallenge | undefined {
  const match = /^\s*([A-Za-z][\w-]*)\s*(.*)$/s.exec(header ?? '');
  if (!match) return undefined;
  const params: Record<string, string> = {};
  const pattern = /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/gy;
  const rest = match[2]!;
  let param: RegExpExecArray | null;
  while ((param = pattern.exec(rest)) !== null) {
    if (param[0] === '') break;
    params[param[1]!.toLowerCase()] = param[2] !== undefined ? param[2].replace(/\\(.)/g, '$1') : (param[3] ?? '');
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

/** The oldest Node.js `floe` runs on, from an `engines.node` range of the form `>=MAJOR.MINOR`. */
export function minimumNode(range: string): { major: number; minor: number } {
  const match = /^>=\s*(\d+)(?:\.(\d+))?/.exec(range.trim());
  if (!match) throw new Error(`engines.node must read ">=MAJOR.MINOR", not "${range}"`);
  return { major: Number(match[1]), minor: Number(match[2] ?? 0) };
}

/**
 * What to tell a user whose Node.js is older than `range` (undefined when it
 * is recent enough). Older ones crash deep inside the HTTP client with a
 * stack trace, so `floe` checks before it loads any command.
 */
export function unsupportedNodeMessage(running: string, range: string): string | undefined {
  const [major = 0, minor = 0] = running.replace(/^v/, '').split('.').map(Number);
  const wanted = minimumNode(range);
  if (major > wanted.major || (major === wanted.major && minor >= wanted.minor)) return undefined;
  return `floe needs Node.js ${wanted.major}.${wanted.minor} or newer; this is Node.js ${running.replace(/^v/, '')}. Install a current Node.js (24 LTS); in a floe checkout, scripts/with-toolchain.sh installs one into .tools/`;
}

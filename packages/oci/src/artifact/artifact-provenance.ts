import { execFile } from 'node:child_process';

/** Where an artifact comes from: the standard `org.opencontainers.image.*` annotations. */
export interface ArtifactProvenance {
  /** The source repository URL (credentials stripped). */
  readonly source?: string;
  /** The source revision (a git commit). */
  readonly revision?: string;
  /** RFC 3339 time of the source (never "now": the same source gives the same digest). */
  readonly created?: string;
  /** A version label chosen by the user. */
  readonly version?: string;
}

function git(dir: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, ...args], { timeout: 5000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}

/** A remote URL without user or password (`https://user:token@host/x` -> `https://host/x`). */
export function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    // scp-like `git@host:path` names a user, never a secret.
    return url;
  }
}

/** `SOURCE_DATE_EPOCH` (reproducible-builds.org) as RFC 3339, if set and valid. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env['SOURCE_DATE_EPOCH']?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  return new Date(Number(value) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The provenance of specs in `dir`: `created` from SOURCE_DATE_EPOCH, else
 * the git commit time; `revision` the git commit; `source` the `origin`
 * remote without credentials. Each is left out when unknown (no git, no
 * remote): never the current time, so publishing twice gives one digest.
 */
export async function artifactProvenance(dir: string, env: NodeJS.ProcessEnv = process.env): Promise<ArtifactProvenance> {
  const [commitTime, revision, remote] = await Promise.all([git(dir, ['log', '-1', '--format=%ct']), git(dir, ['rev-parse', 'HEAD']), git(dir, ['remote', 'get-url', 'origin'])]);
  const created = sourceDateEpoch(env) ?? (commitTime ? sourceDateEpoch({ SOURCE_DATE_EPOCH: commitTime }) : undefined);
  return { ...(remote ? { source: withoutCredentials(remote) } : {}), ...(revision ? { revision } : {}), ...(created ? { created } : {}) };
}

/** The manifest annotations of a provenance, keys sorted (stable bytes). */
export function annotationsOf(provenance: ArtifactProvenance, title: string): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['org.opencontainers.image.created', provenance.created],
    ['org.opencontainers.image.revision', provenance.revision],
    ['org.opencontainers.image.source', provenance.source],
    ['org.opencontainers.image.title', title],
    ['org.opencontainers.image.version', provenance.version],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

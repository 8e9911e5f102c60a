import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { RegistryCredentialsError } from '../errors/oci-errors.js';

/** What floe authenticates to a registry with: a user and password, or an identity (refresh) token for the token service. */
export interface RegistryCredential {
  readonly username?: string;
  readonly password?: string;
  readonly identityToken?: string;
}

/** Where to look for credential files (tests point these elsewhere). */
export interface CredentialLookup {
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
}

interface AuthEntry {
  readonly auth?: string;
  readonly username?: string;
  readonly password?: string;
  readonly identitytoken?: string;
}

interface AuthFile {
  readonly auths?: Readonly<Record<string, AuthEntry>>;
  readonly credHelpers?: Readonly<Record<string, string>>;
  readonly credsStore?: string;
}

/**
 * The credential files docker and podman write, in podman's order of
 * precedence: `$REGISTRY_AUTH_FILE`, `$XDG_RUNTIME_DIR/containers/auth.json`,
 * `~/.config/containers/auth.json`, then docker's `$DOCKER_CONFIG/config.json`
 * (default `~/.docker/config.json`).
 */
export function credentialFiles(lookup: CredentialLookup = {}): string[] {
  const env = lookup.env ?? process.env;
  const home = lookup.home ?? homedir();
  return [
    env['REGISTRY_AUTH_FILE'],
    env['XDG_RUNTIME_DIR'] ? join(env['XDG_RUNTIME_DIR'], 'containers', 'auth.json') : undefined,
    join(home, '.config', 'containers', 'auth.json'),
    join(env['DOCKER_CONFIG'] ?? join(home, '.docker'), 'config.json'),
  ].filter((file): file is string => Boolean(file));
}

/** `https://host/v1/` and `host` name the same registry in these files. */
function keyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//, '').split('/')[0]!.toLowerCase();
}

const dockerHubAliases = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

function sameRegistry(key: string, registry: string): boolean {
  const a = keyHost(key);
  const b = registry.toLowerCase();
  return a === b || (dockerHubAliases.has(a) && dockerHubAliases.has(b));
}

function entryCredential(entry: AuthEntry, file: string): RegistryCredential | undefined {
  if (entry.identitytoken) return { identityToken: entry.identitytoken, ...(entry.username ? { username: entry.username } : {}) };
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new RegistryCredentialsError(`an "auth" entry in ${file} is not base64 of user:password; log in again (podman login / docker login)`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (entry.username !== undefined && entry.password !== undefined) return { username: entry.username, password: entry.password };
  return undefined;
}

async function readAuthFile(file: string): Promise<AuthFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RegistryCredentialsError(`the credential file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, error);
  }
  try {
    return JSON.parse(text) as AuthFile;
  } catch {
    throw new RegistryCredentialsError(`the credential file ${file} is not valid JSON; fix it or log in again`);
  }
}

/** Runs `docker-credential-<helper> get` (the docker credential-helper protocol). */
function fromHelper(helper: string, registry: string): Promise<RegistryCredential | undefined> {
  return new Promise((resolve, reject) => {
    const child = execFile(`docker-credential-${helper}`, ['get'], { timeout: 30_000 }, (error, stdout) => {
      if (error) {
        // The protocol's answer for "no credentials for this server".
        if (/credentials not found/i.test(stdout)) resolve(undefined);
        else reject(new RegistryCredentialsError(`the credential helper docker-credential-${helper} failed for ${registry}; check that it is installed and logged in`, error));
        return;
      }
      try {
        const answer = JSON.parse(stdout) as { Username?: string; Secret?: string };
        // A Username of "<token>" marks an identity token (docker's convention).
        resolve(answer.Username === '<token>' ? { identityToken: answer.Secret ?? '' } : { username: answer.Username ?? '', password: answer.Secret ?? '' });
      } catch (parseError) {
        reject(new RegistryCredentialsError(`the credential helper docker-credential-${helper} answered something other than JSON for ${registry}`, parseError));
      }
    });
    child.stdin?.end(registry);
  });
}

/**
 * The credential for `registry` (host[:port]) from the first credential file
 * that has one (see `credentialFiles`), through its `credHelpers` /
 * `credsStore` helper when it names one. Undefined when none has any: the
 * registry may allow anonymous access. Never logs or returns file contents
 * beyond the matching entry.
 */
export async function findRegistryCredential(registry: string, lookup: CredentialLookup = {}): Promise<RegistryCredential | undefined> {
  for (const file of credentialFiles(lookup)) {
    const config = await readAuthFile(file);
    if (!config) continue;
    const helper = Object.entries(config.credHelpers ?? {}).find(([key]) => sameRegistry(key, registry))?.[1];
    if (helper) return fromHelper(helper, registry);
    const entry = Object.entries(config.auths ?? {}).find(([key]) => sameRegistry(key, registry))?.[1];
    const credential = entry ? entryCredential(entry, file) : undefined;
    if (credential) return credential;
    if (entry && config.credsStore) return fromHelper(config.credsStore, registry);
  }
  return undefined;
}

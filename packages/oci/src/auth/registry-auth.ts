import { RegistryAuthError, RegistryCredentialsError } from '../errors/oci-errors.js';
import { mayUsePlainHttp, registryErrorDetail, transportError } from '../client/registry-transport.js';
import type { AuthChallenge } from './auth-challenge.js';
import type { RegistryCredential } from './registry-credentials.js';

/** What RegistryAuth needs from its client: how to fetch, and whether plain HTTP was allowed. */
export interface RegistryAuthContext {
  readonly registry: string;
  readonly fetch: typeof fetch;
  readonly insecure: boolean;
  readonly timeoutMs: number;
  /** Resolves the credential once, on the first challenge (undefined: anonymous). */
  readonly credential: () => Promise<RegistryCredential | undefined>;
}

const loginHint = 'log in with `podman login` / `docker login`, or point $REGISTRY_AUTH_FILE at an auth.json that has this registry';

/**
 * The Authorization header per set of scopes, answering the registry's 401
 * challenges the way docker and oras do: `Basic` with the user's
 * credential, or the distribution spec's `Bearer` token flow (GET the realm
 * with service and scopes, Basic-authenticated when there is a credential;
 * POST an identity token as an OAuth2 refresh token). Tokens stay in
 * memory, never in messages.
 */
export class RegistryAuth {
  private readonly headers = new Map<string, string>();

  constructor(private readonly context: RegistryAuthContext) {}

  /** The header to send for these scopes, if a challenge was answered before. */
  header(scopes: readonly string[]): string | undefined {
    return this.headers.get(scopeKey(scopes)) ?? this.headers.get('basic');
  }

  /** Answers a 401 challenge for `scopes`; throws RegistryAuthError when nothing can be sent. */
  async answer(challenge: AuthChallenge | undefined, scopes: readonly string[], alreadyTried: boolean): Promise<string> {
    const host = this.context.registry;
    const credential = await this.context.credential();
    if (alreadyTried) {
      throw new RegistryAuthError(host, 401, credential
        ? `registry ${host} refused the credentials floe found for it; check them, or ${loginHint}`
        : `registry ${host} needs credentials and floe found none for it; ${loginHint}`);
    }
    if (challenge?.scheme === 'basic') {
      if (!credential?.username || credential.password === undefined) throw new RegistryAuthError(host, 401, `registry ${host} needs a user and password and floe found none for it; ${loginHint}`);
      const value = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
      this.headers.set('basic', value);
      return value;
    }
    if (challenge?.scheme === 'bearer' && challenge.params['realm']) {
      const token = await this.token(challenge, scopes, credential);
      const value = `Bearer ${token}`;
      this.headers.set(scopeKey(scopes), value);
      return value;
    }
    throw new RegistryAuthError(host, 401, `registry ${host} asks for an authentication scheme floe does not speak (${challenge?.scheme ?? 'none given'}); floe speaks Basic and Bearer tokens`);
  }

  private async token(challenge: AuthChallenge, scopes: readonly string[], credential: RegistryCredential | undefined): Promise<string> {
    const host = this.context.registry;
    let realm: URL;
    try {
      realm = new URL(challenge.params['realm']!);
    } catch (error) {
      throw new RegistryCredentialsError(`registry ${host} names a token service that is not a URL; check the registry's auth configuration`, error);
    }
    if (realm.protocol !== 'https:' && !mayUsePlainHttp(realm, this.context.insecure)) {
      throw new RegistryCredentialsError(`registry ${host} sends floe to a plain-HTTP token service on ${realm.host}; floe sends credentials over plain HTTP only to this machine or with --insecure`);
    }
    const allScopes = [...new Set([...scopes, ...(challenge.params['scope'] ? challenge.params['scope'].split(' ') : [])])];
    const service = challenge.params['service'];
    let response: Response;
    try {
      if (credential?.identityToken) {
        const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.identityToken, client_id: 'floe', ...(service ? { service } : {}), scope: allScopes.join(' ') });
        response = await this.context.fetch(realm, { method: 'POST', body: form, signal: AbortSignal.timeout(this.context.timeoutMs) });
      } else {
        for (const scope of allScopes) realm.searchParams.append('scope', scope);
        if (service) realm.searchParams.set('service', service);
        const headers: Record<string, string> = {};
        if (credential?.username && credential.password !== undefined) headers['authorization'] = `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
        response = await this.context.fetch(realm, { headers, signal: AbortSignal.timeout(this.context.timeoutMs) });
      }
    } catch (error) {
      throw transportError(`${host} (token service ${realm.host})`, error);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new RegistryAuthError(host, response.status, credential
        ? `the token service of registry ${host} refused the credentials floe found for it; check them, or ${loginHint}`
        : `the token service of registry ${host} gives no anonymous access; ${loginHint}`);
    }
    if (!response.ok) {
      const detail = await registryErrorDetail(response);
      throw transportError(`${host} (token service ${realm.host})`, Object.assign(new Error(`HTTP ${response.status}${detail ? ` ${detail}` : ''}`), { code: `HTTP_${response.status}` }));
    }
    const body = (await response.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryCredentialsError(`the token service of registry ${host} answered without a token; check the registry's auth configuration`);
    return token;
  }
}

function scopeKey(scopes: readonly string[]): string {
  return [...scopes].sort().join(' ');
}

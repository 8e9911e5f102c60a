import { credentialEnv, platformConfigKeys } from '@floe/manifests';
import { JobConfigurationError } from '../config/configuration-error.js';
import type { Env } from '../config/job-environment.js';
import type { IcebergWarehouse } from '../config/warehouse-config.js';
import { InfrastructureError } from './infrastructure-error.js';

/** How long each probe may take before the service counts as unreachable. */
export const lakehouseProbeTimeoutMs = 10_000;

/**
 * Checks, before any tool starts, that the step can use the lakehouse: the
 * catalog issues a token for the client credentials (OAuth2 client
 * credentials, as the Iceberg REST spec and Polaris define them), knows the
 * warehouse, and the object storage answers. A refused credential or an
 * unknown warehouse is a `JobConfigurationError` naming the key (exit 78);
 * a service that cannot be reached or answers 5xx is an
 * `InfrastructureError` (exit 75, retryable). The tools would fail on the
 * same problems minutes later, with stack traces instead of the key's name.
 * A refused or unroutable connection is tried again for `reachWindowMs`
 * first: a new pod's network policy rules arrive a moment after it starts.
 */
export async function checkLakehouse(warehouse: IcebergWarehouse, env: Env, timeoutMs = lakehouseProbeTimeoutMs, reachWindowMs = lakehouseReachWindowMs): Promise<void> {
  const { catalog, storage } = warehouse;
  const tokenKey = env[platformConfigKeys.catalogOauth2ServerUri] ? platformConfigKeys.catalogOauth2ServerUri : platformConfigKeys.catalogUri;
  const credentialKeys = `${credentialEnv.catalogClientId}/${credentialEnv.catalogClientSecret}`;

  const token = await probe(`the catalog's token endpoint ${tokenKey}=${catalog.oauth2ServerUri}`, timeoutMs, () => fetch(catalog.oauth2ServerUri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: env[credentialEnv.catalogClientId] ?? '',
      client_secret: env[credentialEnv.catalogClientSecret] ?? '',
      scope: catalog.scope,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }), reachWindowMs);
  if (token.status === 400 || token.status === 401 || token.status === 403) {
    // Polaris 1.7 (OAuthUtils.getResponseFromError): 401 unauthorized_client for an unknown client or a wrong
    // secret, 400 invalid_client for a missing one, 400 invalid_scope for a scope without PRINCIPAL_ROLE:.
    const error = await oauthError(token);
    if (error === 'invalid_scope') {
      throw new JobConfigurationError([`the catalog rejected the OAuth2 scope ${platformConfigKeys.catalogOauth2Scope}=${catalog.scope} (HTTP ${token.status} invalid_scope; Polaris expects PRINCIPAL_ROLE:ALL or PRINCIPAL_ROLE:<role>)`]);
    }
    throw new JobConfigurationError([`the catalog rejected the client credentials ${credentialKeys} (HTTP ${token.status}${error ? ` ${error}` : ''})`]);
  }
  if (token.status === 404 || token.status === 405) {
    throw new JobConfigurationError([`${tokenKey}=${catalog.oauth2ServerUri} is not an OAuth2 token endpoint (HTTP ${token.status})`]);
  }
  const accessToken = token.ok ? ((await token.json().catch(() => ({}))) as { access_token?: unknown }).access_token : undefined;
  if (token.ok && typeof accessToken !== 'string') {
    throw new JobConfigurationError([`${tokenKey}=${catalog.oauth2ServerUri} answered without an access_token`]);
  }
  if (!token.ok) throw new InfrastructureError(`the catalog's token endpoint ${tokenKey}=${catalog.oauth2ServerUri} answered HTTP ${token.status}`);

  const configUrl = `${catalog.uri}/v1/config?warehouse=${encodeURIComponent(catalog.warehouse)}`;
  const config = await probe(`the catalog ${platformConfigKeys.catalogUri}=${catalog.uri}`, timeoutMs, () => fetch(configUrl, {
    headers: { authorization: `Bearer ${accessToken as string}` },
    signal: AbortSignal.timeout(timeoutMs),
  }), reachWindowMs);
  if (config.status === 401 || config.status === 403) {
    throw new JobConfigurationError([`the catalog refused the principal of ${credentialKeys} access to warehouse ${catalog.warehouse} (HTTP ${config.status})`]);
  }
  if (config.status === 400 || config.status === 404) {
    // Polaris 1.7 (CatalogConfigHandler): 404 {"error": {"message": "Unable to find warehouse <name>", "type": "NotFoundException", "code": 404}}.
    const said = await catalogErrorMessage(config);
    throw new JobConfigurationError([`the catalog at ${platformConfigKeys.catalogUri}=${catalog.uri} has no warehouse ${platformConfigKeys.catalogWarehouse}=${catalog.warehouse} (HTTP ${config.status}${said ? `: ${said}` : ''})`]);
  }
  if (!config.ok) throw new InfrastructureError(`the catalog ${platformConfigKeys.catalogUri}=${catalog.uri} answered HTTP ${config.status}`);

  // Unsigned: any HTTP answer (403 for a private bucket) shows the endpoint is up.
  const storageUrl = `${storage.endpoint ?? `https://s3.${storage.region}.amazonaws.com`}/${encodeURIComponent(storage.bucket)}`;
  const storageKey = storage.endpoint ? `${platformConfigKeys.storageEndpoint}=${storage.endpoint}` : `${platformConfigKeys.storageRegion}=${storage.region}`;
  const answer = await probe(`the object storage ${storageKey}`, timeoutMs, () => fetch(storageUrl, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) }), reachWindowMs);
  if (answer.status >= 500) throw new InfrastructureError(`the object storage ${storageKey} answered HTTP ${answer.status}`);
}

/** How long a new pod keeps trying a peer that refuses or cannot be routed to yet. */
export const lakehouseReachWindowMs = 30_000;

// Errors a brand-new pod sees while its network is being wired: NetworkPolicy enforcers (kube-router,
// Calico, ...) program a pod's rules a moment after it starts, and refuse its connections meanwhile.
const transientConnectCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNRESET']);

async function probe(what: string, timeoutMs: number, request: () => Promise<Response>, windowMs = lakehouseReachWindowMs): Promise<Response> {
  const deadline = Date.now() + windowMs;
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 4000)) {
    try {
      return await request();
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (cause?.code && transientConnectCodes.has(cause.code) && Date.now() + delayMs < deadline) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        continue;
      }
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (cause?.code ?? cause?.message ?? (error as Error).message);
      throw new InfrastructureError(`${what} is unreachable (${reason}${cause?.code && transientConnectCodes.has(cause.code) ? `, for ${windowMs / 1000} s` : ''})`, { cause: error });
    }
  }
}

/** The `error` code of an OAuth2 error body (RFC 6749 5.2: {"error", "error_description"}), or ''. */
async function oauthError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown };
  return typeof body.error === 'string' ? body.error : '';
}

/** The message of an Iceberg REST error body ({"error": {"message", "type", "code"}}), or ''. */
async function catalogErrorMessage(response: Response): Promise<string> {
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: unknown } };
  return typeof body.error?.message === 'string' ? body.error.message.slice(0, 200) : '';
}

import { RegistryRequestError, RegistryTlsError, RegistryUnavailableError } from '../errors/oci-errors.js';
import { isLoopbackRegistry } from '../reference/oci-reference.js';

/** How floe reaches a registry: TLS, unless the registry is on this machine or `insecure` was asked for. */
export function registryBaseUrl(registry: string, insecure: boolean): string {
  return `${insecure || isLoopbackRegistry(registry) ? 'http' : 'https'}://${registry}`;
}

/** True when plain HTTP to this URL is acceptable: credentials may be sent there. */
export function mayUsePlainHttp(url: URL, insecure: boolean): boolean {
  return insecure || isLoopbackRegistry(url.host);
}

const tlsCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO',
]);

function rootCause(error: unknown): { code?: string; message: string } {
  let current = error as { code?: string; message?: string; cause?: unknown } | undefined;
  while (current?.cause && typeof current.cause === 'object') current = current.cause;
  return { ...(current?.code ? { code: current.code } : {}), message: current?.message ?? String(error) };
}

/**
 * The typed error of a request that got no HTTP answer: TLS problems are the
 * user's to fix, everything else (refused, DNS, reset, timeout) may pass later.
 */
export function transportError(host: string, error: unknown): Error {
  const cause = rootCause(error);
  const name = (error as Error | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return new RegistryUnavailableError(host, 'no answer in time', error);
  if (cause.code && tlsCodes.has(cause.code)) {
    const plainHttp = cause.code === 'ERR_SSL_WRONG_VERSION_NUMBER' || cause.code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG' || /wrong version number|packet length too long/i.test(cause.message);
    return new RegistryTlsError(host, plainHttp ? 'it answers plain HTTP, not TLS' : cause.code, error);
  }
  const reasons: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'the host name does not resolve',
    EAI_AGAIN: 'the host name could not be resolved now',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
    UND_ERR_SOCKET: 'the connection broke',
  };
  return new RegistryUnavailableError(host, (cause.code && reasons[cause.code]) ?? `the request failed (${cause.code ?? 'no answer'})`, error);
}

/** The registry's own error codes and messages (`{"errors":[{"code","message"}]}`), for messages. Never echoes request headers. */
export async function registryErrorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    return (body.errors ?? []).map((error) => [error.code, error.message].filter(Boolean).join(': ')).join('; ');
  } catch {
    return '';
  }
}

/** The typed error of an answer floe did not expect: 429/5xx may pass later, anything else is refused. */
export async function statusError(host: string, what: string, response: Response): Promise<Error> {
  const detail = await registryErrorDetail(response);
  if (response.status === 429 || response.status >= 500) return new RegistryUnavailableError(host, `HTTP ${response.status}${detail ? ` (${detail})` : ''} while trying to ${what}`);
  return new RegistryRequestError(host, what, response.status, detail);
}

import type { ManagementRequest } from '@floe/manifests';
import { PolarisBootstrapError } from './polaris-bootstrap-error.js';

/** A management API answer: the status and the parsed JSON body (undefined when empty or not JSON). */
export interface ManagementAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ManagementClient {
  call(request: ManagementRequest): Promise<ManagementAnswer>;
}

/** Client-credentials token from Polaris's token endpoint, `PRINCIPAL_ROLE:ALL` scope (Polaris rejects an empty scope). */
export async function requestToken(catalogUri: string, clientId: string, clientSecret: string, timeoutMs: number): Promise<{ status: number; token?: string; error?: string }> {
  const response = await fetch(`${catalogUri}/v1/oauth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'PRINCIPAL_ROLE:ALL' }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; error?: unknown };
  return {
    status: response.status,
    ...(typeof body.access_token === 'string' ? { token: body.access_token } : {}),
    ...(typeof body.error === 'string' ? { error: body.error } : {}),
  };
}

/** Calls of the management API with the root principal's bearer token. */
export function managementClient(managementUri: string, token: string, timeoutMs: number): ManagementClient {
  return {
    async call(request) {
      let response: Response;
      try {
        response = await fetch(`${managementUri}${request.path}`, {
          method: request.method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new PolarisBootstrapError(`${request.operationId} (${request.method} ${managementUri}${request.path}) did not answer`, { cause: error });
      }
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    },
  };
}

import { managementRequests, type CatalogBootstrapPlan, type ManagementRequest } from '@floe/manifests';
import { managementClient, requestToken, type ManagementAnswer, type ManagementClient } from './management-client.js';
import { PolarisBootstrapError } from './polaris-bootstrap-error.js';

export interface BootstrapCredentials {
  readonly root: { readonly clientId: string; readonly clientSecret: string };
  /** The steps' principal's credentials, from the Secret floe generated once. */
  readonly steps: { readonly clientId: string; readonly clientSecret: string };
}

export interface BootstrapOptions {
  readonly log: (message: string, fields?: Readonly<Record<string, unknown>>) => void;
  readonly timeoutMs?: number;
  /** How long to wait for Polaris to issue the root token (it may still be starting). */
  readonly readyWindowMs?: number;
  /**
   * How long Polaris may refuse the root principal's credentials (HTTP 401 or 403) before the bootstrap fails:
   * the catalog bootstrap starts beside Polaris and its realm bootstrap Job, so Polaris can answer before that
   * Job has set the root credentials.
   */
  readonly refusedGraceMs?: number;
}

/** What the bootstrap did: entities created, credentials set, grants added (empty on a re-run). */
export interface BootstrapReport {
  readonly created: string[];
  readonly credentialsSet: boolean;
  readonly grantsAdded: string[];
  readonly assigned: string[];
}

/**
 * Makes the plan true in Polaris, idempotently: creates the catalog, the
 * steps' principal, its principal role and catalog role (201, or 409 when
 * they exist, then verified), adds only missing grants and assignments, and
 * sets the principal's credentials to the generated Secret's only when they
 * do not already work (a new principal, or one left by an interrupted run),
 * so a second run changes nothing and never rotates. Ends by checking that
 * the steps' credentials get a token and see the warehouse.
 */
export async function bootstrapPolarisCatalog(plan: CatalogBootstrapPlan, credentials: BootstrapCredentials, options: BootstrapOptions): Promise<BootstrapReport> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const rootToken = await waitForRootToken(plan, credentials, timeoutMs, options.readyWindowMs ?? 300_000, options.refusedGraceMs ?? 60_000);
  const client = managementClient(plan.managementUri, rootToken, timeoutMs);
  const requests = managementRequests(plan);
  const report: BootstrapReport = { created: [], credentialsSet: false, grantsAdded: [], assigned: [] };

  if (await create(client, requests.createCatalog, `catalog ${plan.catalog}`, report)) options.log(`created catalog ${plan.catalog} at ${plan.baseLocation}`);
  else await verifyCatalog(client, requests.getCatalog, plan);

  const principalCreated = await create(client, requests.createPrincipal, `principal ${plan.principal}`, report);
  const stepsToken = principalCreated ? undefined : await requestToken(plan.catalogUri, credentials.steps.clientId, credentials.steps.clientSecret, timeoutMs);
  if (principalCreated || stepsToken?.status === 401) {
    // Polaris generated credentials for the new principal (discarded, never logged); the Secret's are the ones.
    expect(await client.call(requests.resetCredentials(credentials.steps.clientId, credentials.steps.clientSecret)), [200], requests.resetCredentials('', ''));
    (report as { credentialsSet: boolean }).credentialsSet = true;
    options.log(`set the credentials of principal ${plan.principal} to the generated Secret's`);
  } else if (stepsToken && stepsToken.status !== 200) {
    throw new PolarisBootstrapError(`Polaris's token endpoint answered HTTP ${stepsToken.status}${stepsToken.error ? ` ${stepsToken.error}` : ''} for principal ${plan.principal}`);
  }

  await create(client, requests.createPrincipalRole, `principal role ${plan.principalRole}`, report);
  await create(client, requests.createCatalogRole, `catalog role ${plan.catalogRole}`, report);

  const grants = listed(expect(await client.call(requests.listGrantsForCatalogRole), [200], requests.listGrantsForCatalogRole), 'grants');
  const granted = new Set(grants.filter((grant) => grant['type'] === 'catalog').map((grant) => grant['privilege']));
  for (const privilege of plan.privileges.filter((wanted) => !granted.has(wanted))) {
    const request = requests.addGrantToCatalogRole(privilege);
    expect(await client.call(request), [201], request);
    report.grantsAdded.push(privilege);
  }

  const catalogRoles = listed(expect(await client.call(requests.listCatalogRolesForPrincipalRole), [200], requests.listCatalogRolesForPrincipalRole), 'roles');
  if (!catalogRoles.some((role) => role['name'] === plan.catalogRole)) {
    expect(await client.call(requests.assignCatalogRoleToPrincipalRole), [201], requests.assignCatalogRoleToPrincipalRole);
    report.assigned.push(`catalog role ${plan.catalogRole} -> principal role ${plan.principalRole}`);
  }
  const principalRoles = listed(expect(await client.call(requests.listPrincipalRolesAssigned), [200], requests.listPrincipalRolesAssigned), 'roles');
  if (!principalRoles.some((role) => role['name'] === plan.principalRole)) {
    expect(await client.call(requests.assignPrincipalRole), [201], requests.assignPrincipalRole);
    report.assigned.push(`principal role ${plan.principalRole} -> principal ${plan.principal}`);
  }

  await verifySteps(plan, credentials, timeoutMs);
  options.log('the Polaris catalog and the steps\' principal are in place', { ...report });
  return report;
}

/**
 * The root principal's token, once Polaris issues it: a server that does not answer yet, or answers 5xx, is
 * retried within `windowMs`; refused credentials (401, 403) within `refusedGraceMs` of the first refusal (the
 * realm bootstrap may still be running); any other answer fails at once.
 */
async function waitForRootToken(plan: CatalogBootstrapPlan, credentials: BootstrapCredentials, timeoutMs: number, windowMs: number, refusedGraceMs: number): Promise<string> {
  const deadline = Date.now() + windowMs;
  let refusedSince: number | undefined;
  // Every 2 s at most: the Job starts while MinIO and Polaris start, and should finish soon after Polaris answers.
  for (let delayMs = 1000; ; delayMs = 2000) {
    let last: string;
    let refused: PolarisBootstrapError | undefined;
    try {
      const answer = await requestToken(plan.catalogUri, credentials.root.clientId, credentials.root.clientSecret, timeoutMs);
      if (answer.token) return answer.token;
      last = `HTTP ${answer.status}${answer.error ? ` ${answer.error}` : ''}`;
      if (answer.status === 401 || answer.status === 403) {
        refusedSince ??= Date.now();
        refused = new PolarisBootstrapError(`Polaris refused the root principal's credentials (${last}) for ${Math.round((Date.now() - refusedSince) / 1000)} s: the realm bootstrap Job sets them from the root Secret; check that it completed, with the root Secret this platform names`);
        if (Date.now() - refusedSince >= refusedGraceMs) throw refused;
      } else if (answer.status < 500) {
        throw new PolarisBootstrapError(`Polaris refused the root principal's token request (${last}): the request is the OAuth client-credentials grant of Polaris 1.7`);
      }
    } catch (error) {
      if (error instanceof PolarisBootstrapError) throw error;
      last = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    if (Date.now() + delayMs > deadline) throw refused ?? new PolarisBootstrapError(`Polaris at ${plan.catalogUri} did not issue a token within ${windowMs / 1000} s (${last})`);
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}

/** POSTs a create: true when created (201), false when it exists (409); anything else fails. */
async function create(client: ManagementClient, request: ManagementRequest, what: string, report: BootstrapReport): Promise<boolean> {
  const answer = expect(await client.call(request), [201, 409], request);
  if (answer.status === 201) report.created.push(what);
  return answer.status === 201;
}

async function verifyCatalog(client: ManagementClient, request: ManagementRequest, plan: CatalogBootstrapPlan): Promise<void> {
  const catalog = expect(await client.call(request), [200], request).body as { properties?: Record<string, string>; storageConfigInfo?: { storageType?: string } } | undefined;
  const location = catalog?.properties?.['default-base-location'];
  const storageType = catalog?.storageConfigInfo?.storageType;
  if (location !== plan.baseLocation || storageType !== plan.storageConfigInfo.storageType) {
    throw new PolarisBootstrapError(`Polaris already has a catalog ${plan.catalog} on ${storageType ?? '?'} ${location ?? '?'}, not on the platform's storage (${plan.storageConfigInfo.storageType} ${plan.baseLocation}); floe does not move a catalog's tables: drop or rename that catalog, or point spec.storage at its location`);
  }
}

async function verifySteps(plan: CatalogBootstrapPlan, credentials: BootstrapCredentials, timeoutMs: number): Promise<void> {
  const token = await requestToken(plan.catalogUri, credentials.steps.clientId, credentials.steps.clientSecret, timeoutMs);
  if (!token.token) throw new PolarisBootstrapError(`the steps' principal ${plan.principal} gets no token (HTTP ${token.status}${token.error ? ` ${token.error}` : ''})`);
  const config = await fetch(`${plan.catalogUri}/v1/config?warehouse=${encodeURIComponent(plan.catalog)}`, { headers: { authorization: `Bearer ${token.token}` }, signal: AbortSignal.timeout(timeoutMs) });
  if (config.status !== 200) throw new PolarisBootstrapError(`the steps' principal ${plan.principal} cannot read the configuration of warehouse ${plan.catalog} (HTTP ${config.status})`);
}

function expect(answer: ManagementAnswer, statuses: readonly number[], request: ManagementRequest): ManagementAnswer {
  if (statuses.includes(answer.status)) return answer;
  // Polaris's error body is {"error": {"message", "type", "code"}}: its message names the problem (never a secret).
  const error = (answer.body as { error?: { message?: unknown; type?: unknown } } | undefined)?.error;
  const detail = typeof error?.message === 'string' ? `: ${typeof error.type === 'string' ? `${error.type}: ` : ''}${error.message}` : '';
  throw new PolarisBootstrapError(`${request.operationId} (${request.method} ${request.path}) answered HTTP ${answer.status}${detail}`);
}

function listed(answer: ManagementAnswer, field: 'grants' | 'roles'): Record<string, unknown>[] {
  const list = (answer.body as Record<string, unknown> | undefined)?.[field];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

import { catalogBootstrapContract, createSecretRedactor, type CatalogBootstrapPlan } from '@floe/manifests';
import { FloeError } from '@floe/errors';
import type { Env } from '../config/job-environment.js';
import { createJsonLogger } from '../log/json-logger.js';
import { bootstrapPolarisCatalog } from './bootstrap-polaris-catalog.js';

/**
 * `floe-job bootstrap-polaris-catalog`: the platform deploy's catalog
 * bootstrap Job. Reads the plan and the credentials from the environment,
 * logs JSON (secrets redacted), returns 0 when everything is in place, 1
 * otherwise (the Job's backoff retries).
 */
export async function runCatalogBootstrap(env: Env): Promise<number> {
  const value = (name: string) => env[name] ?? '';
  const secrets = [catalogBootstrapContract.rootClientSecretEnv, catalogBootstrapContract.stepClientSecretEnv].map(value).filter((secret) => secret !== '');
  const logger = createJsonLogger({ step: catalogBootstrapContract.subcommand, runId: '' }, createSecretRedactor(secrets));
  const missing = Object.values(catalogBootstrapContract).filter((name) => name !== catalogBootstrapContract.subcommand && value(name) === '');
  if (missing.length > 0) {
    logger.log('error', `${missing.join(', ')} not set: the catalog bootstrap Job's pod template sets them`);
    return 1;
  }
  try {
    const plan = JSON.parse(value(catalogBootstrapContract.planEnv)) as CatalogBootstrapPlan;
    await bootstrapPolarisCatalog(plan, {
      root: { clientId: value(catalogBootstrapContract.rootClientIdEnv), clientSecret: value(catalogBootstrapContract.rootClientSecretEnv) },
      steps: { clientId: value(catalogBootstrapContract.stepClientIdEnv), clientSecret: value(catalogBootstrapContract.stepClientSecretEnv) },
    }, { log: (message, fields) => logger.log('info', message, fields) });
    return 0;
  } catch (error) {
    logger.log('error', (error as Error).message, error instanceof FloeError ? { code: error.code } : {});
    return 1;
  }
}

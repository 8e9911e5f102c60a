import { createSecretRedactor, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { JobConfigurationError } from './config/configuration-error.js';
import { readJobEnvironment, type Env } from './config/job-environment.js';
import { readJobConfig, type JobConfig } from './config/read-job-config.js';
import { checkLakehouse } from './lakehouse/check-lakehouse.js';
import { InfrastructureError } from './lakehouse/infrastructure-error.js';
import { linkDuckdbExtensions } from './lakehouse/link-duckdb-extensions.js';
import { createJsonLogger } from './log/json-logger.js';
import { exitCodeForSignal, TerminationSignals } from './process/termination-signals.js';
import { runDbtStep } from './steps/dbt/run-dbt-step.js';
import { runIngestionStep } from './steps/ingestion/run-ingestion-step.js';
import { runQualityStep } from './steps/quality/run-quality-step.js';
import type { StepContext, StepRun } from './steps/step-run.js';
import type { FailureClass, StepSummary } from './summary/step-summary.js';
import { renderTerminationMessage } from './summary/termination-message.js';
import { writeTerminationMessage } from './summary/write-termination-message.js';
import { exportStepSpan } from './telemetry/export-step-span.js';
import { readOtlpSettings } from './telemetry/otlp-settings.js';

/**
 * Runs the step described by the environment and returns floe-job's exit
 * status: the tool's own code, 78 for configuration problems, 128 + signal
 * when cancelled. Always writes the termination message and exports the span.
 */
export async function runJob(env: Env): Promise<number> {
  const startTimeMs = Date.now();
  const environment = readJobEnvironment(env);
  const redact = createSecretRedactor(environment.secretValues);
  let logger = createJsonLogger(
    { step: environment.stepName, runId: environment.runId, pipeline: environment.pipeline },
    redact,
  );
  const signals = new TerminationSignals(environment.cancelGraceMs, (signal) =>
    logger.log('warn', `received ${signal}: sending SIGINT to the step, SIGKILL after ${environment.cancelGraceMs} ms`),
  );

  let config: JobConfig | undefined;
  let run: StepRun | undefined;
  let summary: StepSummary;
  try {
    config = readJobConfig(env, environment.workDir);
    const { step } = config.invocation;
    logger = logger.withContext({ step: step.name, runId: config.runId, pipeline: config.invocation.pipeline });
    logger.log('info', `starting ${step.type} step ${step.name}`, { type: step.type, warehouse: config.warehouse.type });
    await linkDuckdbExtensions(env['HOME'], config.duckdbExtensionDir);
    if (config.warehouse.type === 'iceberg') await checkLakehouse(config.warehouse, env);
    if (!signals.received) run = await runStep(step, { config, environment, env, logger, signals });
    const cancelledBy = signals.received;
    const exitCode = cancelledBy ? exitCodeForSignal(cancelledBy) : run!.exitCode;
    summary = {
      outcome: cancelledBy ? 'cancelled' : exitCode === 0 ? 'succeeded' : 'failed',
      exitCode,
      ...failureClassOf(exitCode, cancelledBy !== undefined),
      step: step.name,
      type: step.type,
      ...(run ? { tool: run.tool, command: run.command } : {}),
      runId: config.runId,
      durationMs: Date.now() - startTimeMs,
      ...run?.details,
      ...(cancelledBy ? { message: `cancelled by ${cancelledBy}` } : {}),
    };
  } catch (error) {
    const { exitCode, failureClass } = classifyError(error);
    logger.log('error', (error as Error).message, error instanceof JobConfigurationError || error instanceof InfrastructureError ? { code: error.code } : {});
    summary = {
      outcome: 'failed',
      exitCode,
      failureClass,
      ...(environment.stepName ? { step: environment.stepName } : {}),
      ...(environment.runId ? { runId: environment.runId } : {}),
      durationMs: Date.now() - startTimeMs,
      message: (error as Error).message,
    };
  }

  const terminationMessage = renderTerminationMessage(summary, redact);
  const writeError = await writeTerminationMessage(environment.terminationMessagePath, terminationMessage);
  if (writeError) logger.log('warn', `could not write the termination message: ${writeError.message}`);
  logger.log(summary.exitCode === 0 ? 'info' : 'error', `step ${summary.outcome} with exit code ${summary.exitCode}`, {
    summary: JSON.parse(terminationMessage) as unknown,
  });

  const exportError = await exportStepSpan(
    {
      name: `floe step ${summary.step ?? 'unknown'}`,
      startTimeMs,
      endTimeMs: Date.now(),
      failed: summary.exitCode !== 0,
      statusMessage: summary.message,
      attributes: {
        'floe.run_id': summary.runId ?? '',
        'floe.pipeline': config?.invocation.pipeline ?? environment.pipeline ?? '',
        'floe.platform': config?.platform ?? '',
        'floe.step.name': summary.step ?? '',
        'floe.step.type': summary.type ?? '',
        'floe.tool': summary.tool ?? '',
        'floe.command': summary.command ?? '',
        'floe.outcome': summary.outcome,
        'floe.failure_class': summary.failureClass ?? '',
        'process.exit.code': summary.exitCode,
        'floe.summary': terminationMessage,
      },
    },
    readOtlpSettings(env),
    redact,
  );
  if (exportError) logger.log('warn', `could not export the step's span: ${exportError.message}`);
  signals.dispose();
  return summary.exitCode;
}

async function runStep(step: Step, context: StepContext): Promise<StepRun> {
  switch (step.type) {
    case 'dbt':
      return runDbtStep(step, context);
    case 'quality':
      return runQualityStep(step, context);
    case 'ingestion':
      return runIngestionStep(step, context);
  }
}

function failureClassOf(exitCode: number, cancelled: boolean): { failureClass?: FailureClass } {
  if (cancelled) return { failureClass: 'cancelled' };
  if (exitCode === runtimeExitCodes.success) return {};
  if (exitCode === runtimeExitCodes.applicationFailure) return { failureClass: 'application' };
  if (exitCode === runtimeExitCodes.infrastructureFailure) return { failureClass: 'infrastructure' };
  return { failureClass: 'tool' };
}

/** Exit code and class of an error thrown before or around the step's tool. */
function classifyError(error: unknown): { exitCode: number; failureClass: FailureClass } {
  if (error instanceof JobConfigurationError) return { exitCode: runtimeExitCodes.configError, failureClass: 'configuration' };
  if (error instanceof InfrastructureError) return { exitCode: runtimeExitCodes.infrastructureFailure, failureClass: 'infrastructure' };
  return { exitCode: runtimeExitCodes.toolError, failureClass: 'tool' };
}

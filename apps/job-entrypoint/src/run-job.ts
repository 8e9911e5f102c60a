import { createSecretRedactor, runtimeExitCodes } from '@floe/manifests';
import type { Step } from '@floe/spec';
import { JobConfigurationError } from './config/configuration-error.js';
import { readJobEnvironment, type Env } from './config/job-environment.js';
import { readJobConfig, type JobConfig } from './config/read-job-config.js';
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
    logger.log('info', `starting ${step.type} step ${step.name}`, { type: step.type });
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
    const configurationError = error instanceof JobConfigurationError;
    const exitCode = configurationError ? runtimeExitCodes.configError : runtimeExitCodes.toolError;
    logger.log('error', (error as Error).message, configurationError ? { code: error.code } : {});
    summary = {
      outcome: 'failed',
      exitCode,
      failureClass: configurationError ? 'configuration' : 'tool',
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
  return { failureClass: 'tool' };
}

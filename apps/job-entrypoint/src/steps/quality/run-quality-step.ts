import type { QualityStep } from '@floe/spec';
import { runtimeExitCodes } from '@floe/manifests';
import { helperWarehouse } from '../../lakehouse/helper-warehouse.js';
import { runPythonHelper } from '../python/run-python-helper.js';
import type { StepContext, StepRun } from '../step-run.js';

/** One check's outcome as floe_quality.py reports it. */
interface CheckResult {
  readonly name: string;
  readonly severity: 'error' | 'warn';
  /** Rows the assertion returned (each one violates the rule). */
  readonly violations: number;
  /** Set when the query itself failed. */
  readonly error?: string;
}

/**
 * Runs the step's SQL assertions against the warehouse, read-only: the
 * catalog's Iceberg tables (attached as the default catalog, so
 * `main.fct_orders` names the table in namespace `main`), or the DuckDB file.
 * A check fails when its query returns rows or errors; failed `error`
 * checks make the step an application failure (exit 1), failed `warn`
 * checks are reported and pass.
 */
export async function runQualityStep(step: QualityStep, context: StepContext): Promise<StepRun> {
  const request = {
    warehouse: helperWarehouse(context.config),
    checks: step.checks.map(({ name, sql, severity }) => ({ name, sql, severity })),
  };
  context.logger.log('info', `running ${step.checks.length} quality checks`, { tool: 'quality' });
  const { result } = await runPythonHelper<{ checks?: CheckResult[]; error?: string; message?: string }>(
    'floe_quality.py',
    'quality',
    request,
    context,
  );
  if (!result?.checks) {
    return {
      tool: 'quality',
      command: 'check',
      exitCode: !result ? runtimeExitCodes.toolError
        : result.error === 'infrastructure' ? runtimeExitCodes.infrastructureFailure : runtimeExitCodes.applicationFailure,
      details: { message: result?.message ?? 'the quality runner ended without a result' },
    };
  }
  const failing = result.checks.filter((check) => check.violations > 0 || check.error !== undefined);
  const failed = failing.filter((check) => check.severity === 'error');
  const warned = failing.filter((check) => check.severity === 'warn');
  for (const check of failing) {
    context.logger.log(check.severity === 'error' ? 'error' : 'warn', describeFailure(check), {
      tool: 'quality',
      check: check.name,
      violations: check.violations,
    });
  }
  return {
    tool: 'quality',
    command: 'check',
    exitCode: failed.length > 0 ? runtimeExitCodes.applicationFailure : runtimeExitCodes.success,
    details: {
      counts: { passed: result.checks.length - failing.length, failed: failed.length, warned: warned.length },
      failed: failed.map((check) => check.name),
      warned: warned.map((check) => check.name),
      ...(failed.length > 0 ? { message: failed.map(describeFailure).join(' | ') } : {}),
    },
  };
}

function describeFailure(check: CheckResult): string {
  return check.error !== undefined
    ? `check ${check.name} could not run: ${check.error}`
    : `check ${check.name} found ${check.violations} violating rows`;
}

import { join, resolve } from 'node:path';
import type { IngestionStep } from '@floe/spec';
import { runtimeExitCodes } from '@floe/manifests';
import { helperWarehouse } from '../../lakehouse/helper-warehouse.js';
import { childExitCode } from '../../process/run-child.js';
import { runPythonHelper } from '../python/run-python-helper.js';
import type { StepContext, StepRun } from '../step-run.js';

interface IngestionResult {
  readonly rowsLoaded?: Record<string, number>;
  readonly tableRows?: Record<string, number>;
  readonly error?: string;
  readonly message?: string;
}

/**
 * Loads the step's source file into the warehouse with dlt (floe_ingest.py):
 * an Iceberg table in the catalog (namespace = dataset), or the local DuckDB
 * file; the step's write disposition and primary key. dlt's state lives in a
 * fresh dir of this run under the work dir and is never restored from the
 * destination (nothing in it is needed by a later pod). A load that lost to
 * an unreachable service or a concurrent Iceberg commit exits 75
 * (infrastructure, retryable). A relative source path is resolved against
 * the working directory.
 */
export async function runIngestionStep(step: IngestionStep, context: StepContext): Promise<StepRun> {
  const { config, environment } = context;
  const pipelineName = step.pipelineName ?? `${config.invocation.pipeline}_${step.name}`.replace(/[^a-z0-9_]/g, '_');
  const request = {
    pipelineName,
    pipelinesDir: join(environment.workDir, 'dlt', config.runId.replace(/[^A-Za-z0-9_.-]/g, '_')),
    source: { path: resolve(step.source.path), format: step.source.format },
    dataset: step.dataset,
    table: step.table,
    writeDisposition: step.writeDisposition,
    primaryKey: step.primaryKey,
    warehouse: helperWarehouse(config),
  };
  context.logger.log('info', `loading ${step.source.path} into ${step.dataset}.${step.table} (${step.writeDisposition})`, {
    tool: 'dlt',
  });
  const { exit, result } = await runPythonHelper<IngestionResult>('floe_ingest.py', 'dlt', request, context);
  if (!result || result.error !== undefined) {
    return {
      tool: 'dlt',
      command: 'run',
      exitCode: !result ? runtimeExitCodes.toolError
        : result.error === 'infrastructure' ? runtimeExitCodes.infrastructureFailure : runtimeExitCodes.applicationFailure,
      details: { message: result?.message ?? 'the dlt pipeline failed (see its log lines)' },
    };
  }
  return {
    tool: 'dlt',
    command: 'run',
    exitCode: childExitCode(exit),
    details: {
      ...(result.rowsLoaded ? { rowsLoaded: result.rowsLoaded } : {}),
      ...(result.tableRows ? { tableRows: result.tableRows } : {}),
    },
  };
}

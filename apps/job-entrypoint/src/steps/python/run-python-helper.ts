import { fileURLToPath } from 'node:url';
import { parseChildLogLine } from '../../log/child-log-line.js';
import { runChild, type ChildExit } from '../../process/run-child.js';
import type { StepContext } from '../step-run.js';

/** The helper scripts shipped in this package's python/ folder. */
export type PythonHelper = 'floe_quality.py' | 'floe_ingest.py';

export interface PythonHelperRun<T> {
  readonly exit: ChildExit;
  /** The helper's `{"floeResult": ...}` line, when it printed one. */
  readonly result: T | undefined;
}

/**
 * Runs a helper script with the venv's python, the request as JSON on stdin.
 * Its `{"floeResult": ...}` stdout line is the result; every other line is logged.
 */
export async function runPythonHelper<T>(
  helper: PythonHelper,
  tool: string,
  request: unknown,
  context: StepContext,
): Promise<PythonHelperRun<T>> {
  // dist/cli.js and src/steps/python/… both resolve against the package root's python/ folder.
  const script = fileURLToPath(new URL(`python/${helper}`, packageRootUrl()));
  let result: T | undefined;
  const exit = await runChild({
    command: context.config.pythonBin,
    args: [script],
    env: { ...context.env, PYTHONUNBUFFERED: '1', RUNTIME__DLTHUB_TELEMETRY: 'false' },
    input: JSON.stringify(request),
    signals: context.signals,
    onLine: (stream, line) => {
      if (stream === 'stdout' && line.startsWith('{"floeResult"')) {
        try {
          result = (JSON.parse(line) as { floeResult: T }).floeResult;
          return;
        } catch {
          // not a result after all: log it
        }
      }
      const record = parseChildLogLine(tool, stream, line);
      context.logger.log(record.level, record.message, record.fields);
    },
  });
  return { exit, result };
}

function packageRootUrl(): URL {
  const here = new URL('.', import.meta.url);
  // Built: <root>/dist/cli.js. Source (tests): <root>/src/steps/python/run-python-helper.ts.
  return here.pathname.endsWith('/dist/') ? new URL('../', here) : new URL('../../../', here);
}

import { tmpdir } from 'node:os';
import { credentialEnv, defaultTerminationMessagePath, runtimeEnv, runtimeMounts } from '@floe/manifests';

export type Env = Readonly<Record<string, string | undefined>>;

/** Default seconds floe-job gives the child to stop after SIGINT before it sends SIGKILL. */
export const defaultCancelGraceSeconds = 20;

/**
 * Env names floe-job reads besides the runtime contract: local overrides used
 * by tests and by `floe run --local`-style use outside a pod.
 */
export const jobOverrideEnv = {
  /** Directory holding `python` and `dbt` of the venv (else PATH). */
  pythonBinDir: 'FLOE_PYTHON_BIN_DIR',
  /** Writable directory for dbt target/ and logs/ (default runtimeMounts.work). */
  workDir: 'FLOE_WORK_DIR',
} as const;

/**
 * What floe-job needs even when the step's configuration is broken: where to
 * write the termination message, who to log as, which values to redact.
 * Reading it never fails.
 */
export interface JobEnvironment {
  readonly runId: string;
  readonly stepName: string;
  readonly pipeline: string | undefined;
  readonly terminationMessagePath: string;
  readonly workDir: string;
  readonly tmpDir: string;
  /** FLOE_CANCEL_GRACE_SECONDS in ms; the default when unset or invalid (readJobConfig reports invalid values). */
  readonly cancelGraceMs: number;
  /** Values of the credential env vars that are set: redacted from every output. */
  readonly secretValues: readonly string[];
}

/** Reads the lenient part of the environment (see `JobEnvironment`). */
export function readJobEnvironment(env: Env): JobEnvironment {
  return {
    runId: env[runtimeEnv.runId] ?? '',
    stepName: env[runtimeEnv.stepName] ?? '',
    pipeline: env[runtimeEnv.pipeline],
    terminationMessagePath: env[runtimeEnv.terminationMessagePath] || defaultTerminationMessagePath,
    workDir: env[jobOverrideEnv.workDir] || runtimeMounts.work,
    tmpDir: tmpdir(),
    cancelGraceMs: (parseGraceSeconds(env[runtimeEnv.cancelGraceSeconds]) ?? defaultCancelGraceSeconds) * 1000,
    secretValues: Object.values(credentialEnv)
      .map((name) => env[name])
      .filter((value): value is string => value !== undefined && value !== ''),
  };
}

/** Seconds from FLOE_CANCEL_GRACE_SECONDS; undefined when unset or not a non-negative number. */
export function parseGraceSeconds(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}
